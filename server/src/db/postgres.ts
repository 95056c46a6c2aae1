import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Db } from './db.ts';

/**
 * Statements with parameters run as named prepared statements (pg prepares each once per pooled
 * connection), so a hot statement such as event ingest is parsed and planned once, not per call.
 */
const named = (text: string, values?: unknown[]): pg.QueryConfig =>
  values && values.length > 0 ? { name: `q${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text, values } : { text, values };

/** A PostgreSQL server through a connection pool. */
export async function openPostgres(url: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max });
  // Fail at boot, with the server's own message, when the database cannot be reached.
  const c = await pool.connect();
  c.release();
  return {
    kind: 'postgres',
    async query(sql, params) {
      const r = await pool.query(named(sql, params));
      return r.rows;
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn({
          async query(sql, params) {
            const r = await client.query(named(sql, params));
            return r.rows;
          },
        });
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async close() {
      await pool.end();
    },
  };
}
