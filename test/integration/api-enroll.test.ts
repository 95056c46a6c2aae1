import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnrollResponse } from '../../shared/contracts/enroll.ts';
import { defaultPolicy } from '../../shared/policy/schema.ts';
import { call, DEVICE_FACTS, enroll, newTenant, startApi, type Api, type TestTenant } from './harness/api.ts';
import { STORES } from './harness/stores.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe.each(STORES)('device enrollment on %s', (kind) => {
  let api: Api;
  let t: TestTenant;
  beforeAll(async () => {
    api = await startApi(kind);
    t = await newTenant(api);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('enrolls with the enrollment token and answers a device credential shown once, stored hashed', async () => {
    const res = await call(api.app, 'POST', '/v1/enroll', { token: t.enrollmentToken, body: DEVICE_FACTS });
    expect(res.statusCode).toBe(201);
    const e = EnrollResponse.parse(res.json());
    expect(e.tenantId).toBe(t.tenantId);
    expect(e.credential).toMatch(/^dld_[A-Za-z0-9_-]{65}$/);
    expect(e.valueHashKey).toMatch(/^[0-9a-f]{64}$/);
    expect(e.user).toEqual({ id: 'alex.doe@example.test', pseudonymized: false });
    const tenant = (await call(api.app, 'GET', '/v1/tenant', { token: t.tokens.owner })).json<{ policyPublicKey: string }>();
    expect(e.policyPublicKey).toBe(tenant.policyPublicKey);

    const [row] = await api.db.query<Record<string, unknown>>('SELECT * FROM devices WHERE tenant_id = $1 AND device_id = $2', [
      t.tenantId,
      e.deviceId,
    ]);
    expect(row!.credential_hash).toBe(sha256(e.credential));
    expect(JSON.stringify(row)).not.toContain(e.credential.slice(4));
    expect(row).toMatchObject({ agent: 'extension', os: 'macos', hostname: 'mbp-test-01', browser: 'chrome 131.0' });

    expect((await call(api.app, 'GET', '/v1/policy', { token: e.credential })).statusCode).toBe(200);
    const listed = (await call(api.app, 'GET', '/v1/devices', { token: t.tokens.admin })).json<{ devices: { id: string }[] }>();
    expect(listed.devices.map((d) => d.id)).toContain(e.deviceId);
  });

  it.each([
    ['no facts', {}],
    ['an unknown agent', { ...DEVICE_FACTS, agent: 'toaster' }],
    ['an extra field', { ...DEVICE_FACTS, serial: 'X' }],
    ['a 10 kB host name', { ...DEVICE_FACTS, hostname: 'h'.repeat(10_000) }],
  ])('answers %s with 400', async (_n, body) => {
    const res = await call(api.app, 'POST', '/v1/enroll', { token: t.enrollmentToken, body });
    expect(res.statusCode).toBe(400);
  });

  it('refuses revoked and expired enrollment tokens', async () => {
    const made = await call(api.app, 'POST', '/v1/enrollment-tokens', { token: t.tokens.admin, body: { name: 'Laptops' } });
    expect(made.statusCode).toBe(201);
    const { id, token } = made.json<{ id: string; token: string }>();
    await enroll(api, token);
    expect((await call(api.app, 'DELETE', `/v1/enrollment-tokens/${id}`, { token: t.tokens.admin })).statusCode).toBe(200);
    expect((await call(api.app, 'POST', '/v1/enroll', { token, body: DEVICE_FACTS })).statusCode).toBe(401);

    const past = await call(api.app, 'POST', '/v1/enrollment-tokens', {
      token: t.tokens.owner,
      body: { name: 'Old', expiresAt: new Date(Date.now() - 1000).toISOString() },
    });
    expect(
      (await call(api.app, 'POST', '/v1/enroll', { token: past.json<{ token: string }>().token, body: DEVICE_FACTS })).statusCode,
    ).toBe(401);
  });

  it('revoking a device locks its credential out', async () => {
    const e = await enroll(api, t.enrollmentToken);
    const res = await call(api.app, 'DELETE', `/v1/devices/${e.deviceId}`, { token: t.tokens.admin });
    expect(res.json()).toMatchObject({ id: e.deviceId, revokedAt: expect.any(String) });
    expect((await call(api.app, 'GET', '/v1/policy', { token: e.credential })).statusCode).toBe(401);
  });

  it('rotates: the new credential works, the old one until the new one is first used', async () => {
    const e = await enroll(api, t.enrollmentToken);
    const r = await call(api.app, 'POST', '/v1/device/rotate', { token: e.credential });
    expect(r.statusCode).toBe(200);
    const next = r.json<{ credential: string; deviceId: string }>();
    expect(next.deviceId).toBe(e.deviceId);
    expect(next.credential).not.toBe(e.credential);
    // The answer might have been lost: the old credential still works...
    expect((await call(api.app, 'GET', '/v1/policy', { token: e.credential })).statusCode).toBe(200);
    // ...until the new one is used.
    expect((await call(api.app, 'GET', '/v1/policy', { token: next.credential })).statusCode).toBe(200);
    expect((await call(api.app, 'GET', '/v1/policy', { token: e.credential })).statusCode).toBe(401);
    expect((await call(api.app, 'GET', '/v1/policy', { token: next.credential })).statusCode).toBe(200);
  });

  it('pseudonymizes users per tenant when the policy asks', async () => {
    const policy = { ...defaultPolicy(), privacy: { ...defaultPolicy().privacy, pseudonymizeUsers: true } };
    expect((await call(api.app, 'POST', '/v1/policies', { token: t.tokens.admin, body: { policy } })).statusCode).toBe(201);
    const a = await enroll(api, t.enrollmentToken);
    const b = await enroll(api, t.enrollmentToken, {
      ...DEVICE_FACTS,
      agent: 'desktop',
      user: { id: 'ALEX.DOE@example.test ', source: 'os' },
    });
    expect(a.user).toEqual({ id: expect.stringMatching(/^p_[0-9a-f]{32}$/), pseudonymized: true });
    expect(b.user!.id).toBe(a.user!.id);

    const other = await newTenant(api);
    await call(api.app, 'POST', '/v1/policies', { token: other.tokens.owner, body: { policy } });
    const c = await enroll(api, other.enrollmentToken);
    expect(c.user!.pseudonymized).toBe(true);
    expect(c.user!.id).not.toBe(a.user!.id);

    const rows = await api.db.query('SELECT * FROM devices WHERE tenant_id = $1 AND device_id = $2', [t.tenantId, a.deviceId]);
    expect(JSON.stringify(rows).toLowerCase()).not.toContain('alex.doe');
  });
});
