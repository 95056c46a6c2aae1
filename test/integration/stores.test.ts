import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/db.ts';
import { openStore, STORES } from './harness/stores.ts';

describe.each(STORES)('store %s', (kind) => {
  let db: Db;
  beforeAll(async () => {
    db = await openStore(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('reports its kind', () => {
    expect(db.kind).toBe(kind);
  });

  it('runs the migrations and the same query with the same result', async () => {
    const id = '6f1c2a9e-5d0b-4a53-9a4c-0d6c3c3b9e01';
    await db.query('INSERT INTO tenants (tenant_id, name) VALUES ($1, $2)', [id, 'Acme']);
    const rows = await db.query<{ tenant_id: string; name: string; n: number }>(
      "SELECT tenant_id, name, length(name)::int AS n FROM tenants WHERE tenant_id = $1 AND name ILIKE 'ac%'",
      [id],
    );
    expect(rows).toEqual([{ tenant_id: id, name: 'Acme', n: 4 }]);
    const applied = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(applied.map((r) => r.name)).toContain('001_tenants.sql');
  });

  it('rolls a failed transaction back', async () => {
    const id = '6f1c2a9e-5d0b-4a53-9a4c-0d6c3c3b9e02';
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO tenants (tenant_id, name) VALUES ($1, $2)', [id, 'Rollback']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query('SELECT 1 FROM tenants WHERE tenant_id = $1', [id])).toEqual([]);
  });
});
