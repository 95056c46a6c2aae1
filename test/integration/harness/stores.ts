import pg from 'pg';
import { inject } from 'vitest';
import type { Db } from '../../../server/src/db/db.ts';
import { migrate } from '../../../server/src/db/migrate.ts';
import { openPglite } from '../../../server/src/db/pglite.ts';
import { openPostgres } from '../../../server/src/db/postgres.ts';

/** Both stores the product runs on, freshly migrated: embedded PGlite and a real PostgreSQL database. */
export const STORES = ['pglite', 'postgres'] as const;
export type StoreKind = (typeof STORES)[number];

export async function openStore(kind: StoreKind): Promise<Db> {
  let db: Db;
  if (kind === 'pglite') {
    db = await openPglite();
  } else {
    const admin = new pg.Client({ connectionString: inject('postgresUrl') });
    await admin.connect();
    const name = `t_${Date.now()}_${Math.floor(Math.random() * 1e9)}`;
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    db = await openPostgres(inject('postgresUrl').replace(/\/postgres$/, `/${name}`));
  }
  await migrate(db);
  return db;
}
