import type { Config } from '../config.ts';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

/** Opens the configured store and brings its schema up to date. */
export async function openDb(storage: Config['storage']): Promise<Db> {
  const db = storage.kind === 'postgres' ? await openPostgres(storage.url) : await openPglite(storage.dataDir);
  await migrate(db);
  return db;
}
