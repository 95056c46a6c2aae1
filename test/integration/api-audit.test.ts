import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuditPage, AuditVerifyResponse } from '../../shared/contracts/audit.ts';
import { defaultPolicy } from '../../shared/policy/schema.ts';
import { runAuditVerify } from '../../server/src/cli/audit-verify.ts';
import { KeyRing } from '../../server/src/crypto.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { readAudit, recordHash } from '../../server/src/services/audit.ts';
import { openPglite } from '../../server/src/db/pglite.ts';
import { openPostgres } from '../../server/src/db/postgres.ts';
import { createApiToken, createTenant } from '../../server/src/services/tenants.ts';
import { call, enroll, newTenant, startApi, type Api, type TestTenant } from './harness/api.ts';
import { STORES } from './harness/stores.ts';

describe.each(STORES)('audit log on %s', (kind) => {
  let api: Api;
  let t: TestTenant;
  let other: TestTenant;
  beforeAll(async () => {
    api = await startApi(kind);
    t = await newTenant(api);
    other = await newTenant(api);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('records every admin action and policy change, chained by hash', async () => {
    await call(api.app, 'POST', '/v1/policies', { token: t.tokens.admin, body: { policy: defaultPolicy() } });
    const tok = await call(api.app, 'POST', '/v1/enrollment-tokens', { token: t.tokens.admin, body: { name: 'Kiosks' } });
    await call(api.app, 'DELETE', `/v1/enrollment-tokens/${tok.json<{ id: string }>().id}`, { token: t.tokens.owner });
    const dev = await enroll(api, t.enrollmentToken);
    await call(api.app, 'DELETE', `/v1/devices/${dev.deviceId}`, { token: t.tokens.admin });

    const page = AuditPage.parse((await call(api.app, 'GET', '/v1/audit', { token: t.tokens.auditor })).json());
    const actions = page.records.map((r) => r.action);
    expect(actions.slice(0, 2)).toEqual(['tenant.create', 'policy.publish']);
    expect(actions.filter((a) => a === 'token.create')).toHaveLength(5);
    expect(actions.slice(-5)).toEqual([
      'policy.publish',
      'enrollment_token.create',
      'enrollment_token.revoke',
      'device.enroll',
      'device.revoke',
    ]);
    page.records.forEach((r, i) => {
      expect(r.seq).toBe(i + 1);
      expect(r.tenantId).toBe(t.tenantId);
      expect(r.prevHash).toBe(i === 0 ? '0'.repeat(64) : page.records[i - 1]!.hash);
    });
    expect(page.records.at(-1)!.actor).toMatch(/^token:/);
    // Paging.
    const p1 = AuditPage.parse((await call(api.app, 'GET', '/v1/audit?limit=3', { token: t.tokens.owner })).json());
    expect(p1.records.map((r) => r.seq)).toEqual([1, 2, 3]);
    const p2 = AuditPage.parse((await call(api.app, 'GET', `/v1/audit?after=${p1.next}&limit=3`, { token: t.tokens.owner })).json());
    expect(p2.records[0]!.seq).toBe(4);

    const v = AuditVerifyResponse.parse((await call(api.app, 'GET', '/v1/audit/verify', { token: t.tokens.auditor })).json());
    expect(v).toEqual({ ok: true, records: page.records.length, head: page.records.at(-1)!.hash });
  });

  it.each([
    ['content edited', `UPDATE audit_log SET details = '{"role":"auditor"}' WHERE tenant_id = $1 AND seq = 4`, 4, /altered/],
    ['its stored hash edited', `UPDATE audit_log SET hash = repeat('a', 64) WHERE tenant_id = $1 AND seq = 4`, 4, /altered/],
    ['a record deleted', 'DELETE FROM audit_log WHERE tenant_id = $1 AND seq = 4', 4, /missing/],
    ['a link rewritten', `UPDATE audit_log SET prev_hash = repeat('0', 64) WHERE tenant_id = $1 AND seq = 4`, 4, /does not link/],
  ])('names the first broken link when %s', async (_name, sql, seq, reason) => {
    const before = await api.db.query<Record<string, unknown>>('SELECT * FROM audit_log WHERE tenant_id = $1 AND seq = 4', [t.tenantId]);
    await api.db.query(sql, [t.tenantId]);
    try {
      const v = (await call(api.app, 'GET', '/v1/audit/verify', { token: t.tokens.owner })).json<{
        ok: boolean;
        brokenAt: { seq: number; reason: string };
      }>();
      expect(v.ok).toBe(false);
      expect(v.brokenAt.seq).toBe(seq);
      expect(v.brokenAt.reason).toMatch(reason);
      const lines: string[] = [];
      expect(await runAuditVerify(api.db, (l) => lines.push(l))).toBe(1);
      expect(lines.find((l) => l.includes(t.tenantId))).toMatch(new RegExp(`BROKEN .*record ${seq}`));
      // The other tenant's chain is untouched and still verifies.
      expect(lines.find((l) => l.includes(other.tenantId))).toMatch(/^ok /);
    } finally {
      const r = before[0]!;
      await api.db.query('DELETE FROM audit_log WHERE tenant_id = $1 AND seq = 4', [t.tenantId]);
      await api.db.query(
        'INSERT INTO audit_log (tenant_id, seq, at, actor, action, target, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)',
        [r.tenant_id, r.seq, r.at, r.actor, r.action, r.target, JSON.stringify(r.details), r.prev_hash, r.hash],
      );
    }
    expect((await call(api.app, 'GET', '/v1/audit/verify', { token: t.tokens.owner })).json()).toMatchObject({ ok: true });
  });
});

describe.each(STORES)('audit chain rewrite on %s', (kind) => {
  it("an editor who recomputes the edited record's hash breaks the next link", async () => {
    const api = await startApi(kind);
    try {
      const t = await newTenant(api);
      const [r] = await readAudit(api.db, t.tenantId, 3, 1);
      const forged = { ...r!, actor: 'admin:mallory' };
      const { hash: _old, ...rest } = forged;
      await api.db.query('UPDATE audit_log SET actor = $3, hash = $4 WHERE tenant_id = $1 AND seq = $2', [
        t.tenantId,
        4,
        forged.actor,
        recordHash(rest),
      ]);
      expect((await call(api.app, 'GET', '/v1/audit/verify', { token: t.tokens.owner })).json()).toMatchObject({
        ok: false,
        brokenAt: { seq: 5, reason: expect.stringMatching(/record 5 does not link to record 4/) },
      });
    } finally {
      await api.close();
    }
  });
});

/** The real CLI, as `npm run audit:verify` runs it, on a store on disk / a PostgreSQL database. */
describe('npm run audit:verify', () => {
  const run = (env: Record<string, string>) =>
    spawnSync(join(process.cwd(), 'node_modules/.bin/tsx'), ['server/src/cli/audit-verify.ts'], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it.each(STORES)('names the edited record on %s', async (kind) => {
    const dir = mkdtempSync(join(tmpdir(), 'daylight-audit-'));
    let env: Record<string, string>;
    let url = '';
    if (kind === 'pglite') {
      env = { DATA_DIR: dir };
    } else {
      const admin = new pg.Client({ connectionString: inject('postgresUrl') });
      await admin.connect();
      const name = `audit_cli_${Date.now()}`;
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      url = inject('postgresUrl').replace(/\/postgres$/, `/${name}`);
      env = { DATABASE_URL: url };
    }
    try {
      const open = () => (kind === 'pglite' ? openPglite(dir) : openPostgres(url));
      let db = await open();
      await migrate(db);
      const keys = KeyRing.random();
      const a = await createTenant(db, keys, { name: 'A', ownerEmail: 'a@example.test' });
      await createApiToken(db, a.tenantId, 'admin');
      await createApiToken(db, a.tenantId, 'auditor');
      await db.close();

      const good = run(env);
      expect(good.status, good.stderr).toBe(0);
      expect(good.stdout).toMatch(/ok .* 4 records/);

      db = await open();
      await db.query(`UPDATE audit_log SET details = '{"name":"x","role":"owner"}' WHERE tenant_id = $1 AND seq = 3`, [a.tenantId]);
      await db.close();
      const bad = run(env);
      expect(bad.status).toBe(1);
      expect(bad.stdout).toMatch(new RegExp(`BROKEN +tenant ${a.tenantId} \\(A\\): first broken link at record 3: record 3 was altered`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
