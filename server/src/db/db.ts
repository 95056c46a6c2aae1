/**
 * One small interface over both stores. The same SQL (PostgreSQL dialect, `$1` parameters) runs on
 * embedded PGlite and on a PostgreSQL server; nothing above this file knows which one it talks to.
 */
export interface Db {
  readonly kind: 'pglite' | 'postgres';
  query<T extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` in one transaction on one connection; rolls back when it throws. */
  transaction<R>(fn: (tx: Pick<Db, 'query'>) => Promise<R>): Promise<R>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}
