/** The throwaway PostgreSQL cluster (shared with the server benchmark, which may not import test/). */
export { findPgBin, startPostgres, type PgCluster, type PgClusterOptions } from '../../../tools/bench/server-postgres.ts';
