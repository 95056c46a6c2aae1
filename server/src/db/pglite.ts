import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db } from './db.ts';

/** Embedded PostgreSQL (WASM). `dataDir` undefined means in memory (tests). */
export async function openPglite(dataDir?: string): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir);
  return {
    kind: 'pglite',
    async query(sql, params) {
      const r = await pg.query(sql, params);
      return r.rows as never;
    },
    async transaction(fn) {
      return pg.transaction(async (tx) =>
        fn({
          async query(sql, params) {
            const r = await tx.query(sql, params);
            return r.rows as never;
          },
        }),
      );
    },
    async exec(sql) {
      await pg.exec(sql);
    },
    async close() {
      await pg.close();
    },
  };
}
