import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyRing } from '../../server/src/crypto.ts';
import type { Db } from '../../server/src/db/db.ts';
import { bootstrap } from '../../server/src/services/tenants.ts';
import { openStore, STORES } from './harness/stores.ts';

describe.each(STORES)('schema and bootstrap on %s', (kind) => {
  let db: Db;
  const keys = KeyRing.random();
  beforeAll(async () => {
    db = await openStore(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('every table carries tenant_id and leads its primary key and unique keys with it', async () => {
    const rows = await db.query<{ table: string; cols: string[] | string; kind: string }>(
      `SELECT c.relname AS table, con.contype AS kind,
              array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i) AS cols
         FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace ns ON ns.oid = c.relnamespace
        WHERE ns.nspname = 'public' AND con.contype IN ('p', 'u') AND c.relname <> 'schema_migrations'`,
    );
    const tables = new Set(rows.map((r) => r.table));
    for (const t of [
      'tenants',
      'admins',
      'api_tokens',
      'enrollment_tokens',
      'devices',
      'policies',
      'audit_log',
      'events',
      'usage_daily',
      'data_daily',
      'device_heartbeats',
      'directory_users',
      'app_daily',
      'app_user_daily',
      'user_daily',
    ]) {
      expect(tables, t).toContain(t);
    }
    for (const r of rows) {
      const cols = Array.isArray(r.cols) ? r.cols : r.cols.replace(/[{}]/g, '').split(',');
      expect(cols[0], `${r.table} ${r.kind === 'p' ? 'primary' : 'unique'} key (${cols.join(', ')})`).toBe('tenant_id');
    }
  });

  it('bootstrap creates one tenant with owner, sign-in link, enrollment token and a signed policy, once', async () => {
    const first = await bootstrap(db, keys, { name: 'Acme', ownerEmail: 'Owner@Example.test' });
    expect(first.created).toBe(true);
    if (!first.created) return;
    expect(first.signInToken).toMatch(/^dlo_[A-Za-z0-9_-]{65}$/);
    expect(first.enrollmentToken).toMatch(/^dle_[A-Za-z0-9_-]{65}$/);
    const again = await Promise.all([
      bootstrap(db, keys, { name: 'Other', ownerEmail: 'x@example.test' }),
      bootstrap(db, keys, { name: 'Other', ownerEmail: 'x@example.test' }),
    ]);
    expect(again.map((a) => a.created)).toEqual([false, false]);
    expect(await db.query('SELECT tenant_id FROM tenants')).toHaveLength(1);
    const [owner] = await db.query<{ email: string; role: string }>('SELECT email, role FROM admins WHERE tenant_id = $1', [
      first.tenantId,
    ]);
    expect(owner).toEqual({ email: 'owner@example.test', role: 'owner' });
    const policies = await db.query<{ version: number }>('SELECT version FROM policies WHERE tenant_id = $1', [first.tenantId]);
    expect(policies.map((p) => p.version)).toEqual([1]);
  });

  it('stores no credential and no tenant secret in the clear', async () => {
    const [t] = await db.query<Record<string, string>>('SELECT * FROM tenants LIMIT 1');
    for (const col of ['signing_key_sealed', 'pseudonym_key_sealed', 'value_key_sealed']) expect(t![col]).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(t!.signing_public_key).toMatch(/^[0-9a-f]{64}$/);
    const hashes = await db.query<{ h: string }>(
      'SELECT token_hash AS h FROM enrollment_tokens UNION ALL SELECT token_hash FROM sign_in_links',
    );
    expect(hashes.length).toBe(2);
    for (const { h } of hashes) expect(h).toMatch(/^[0-9a-f]{64}$/);
    // Another master key cannot open the sealed signing key.
    expect(() => KeyRing.random().open(t!.signing_key_sealed!, `${t!.tenant_id}:signing`)).toThrow();
    expect(() => keys.open(t!.signing_key_sealed!, 'another-tenant:signing')).toThrow();
    expect(keys.open(t!.signing_key_sealed!, `${t!.tenant_id}:signing`)).toHaveLength(32);
  });
});
