import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy, type PolicyDocumentInput } from '../../shared/policy/schema.ts';
import { verifyPolicy } from '../../shared/policy/sign.ts';
import { call, enroll, newTenant, startApi, type Api, type TestTenant } from './harness/api.ts';
import { STORES } from './harness/stores.ts';

const STRICT: PolicyDocumentInput = {
  schemaVersion: 1,
  name: 'Strict',
  apps: {
    defaultAction: 'justify',
    rules: [
      { apps: ['chatgpt'], accountTypes: ['corporate'], action: 'sanctioned' },
      { apps: ['deepseek'], action: 'block' },
    ],
  },
  detectors: [{ kind: 'keywords', id: 'falcon', name: 'Project Falcon', words: ['Project Falcon'] }],
  data: {
    rules: [
      { types: ['tenant:falcon'], action: 'block' },
      { types: ['email'], action: 'redact', minCount: 3 },
    ],
  },
  privacy: { tier: 'minimal' },
};

describe.each(STORES)('policies on %s', (kind) => {
  let api: Api;
  let t: TestTenant;
  let device: string;
  let publicKey: string;
  let base: string;
  beforeAll(async () => {
    api = await startApi(kind);
    t = await newTenant(api);
    const e = await enroll(api, t.enrollmentToken);
    device = e.credential;
    publicKey = e.policyPublicKey;
    base = await api.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await api?.close();
  });

  const fetchPolicy = (headers: Record<string, string> = {}) =>
    fetch(`${base}/v1/policy`, { headers: { authorization: `Bearer ${device}`, ...headers } });

  it('serves the signed default policy; the device verifies signature, tenant and version', async () => {
    const res = await fetchPolicy();
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^"1-[0-9a-f]{16}"$/);
    const r = verifyPolicy(await res.json(), publicKey, t.tenantId, 0);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.policy.version).toBe(1);
      expect(r.policy.policy).toEqual(defaultPolicy());
    }
  });

  it('answers 304 to If-None-Match while nothing changed, then the new version after a publish', async () => {
    const first = await fetchPolicy();
    const etag = first.headers.get('etag')!;
    await first.arrayBuffer();
    const same = await fetchPolicy({ 'if-none-match': etag });
    expect(same.status).toBe(304);
    expect(await same.text()).toBe('');

    const pub = await call(api.app, 'POST', '/v1/policies', { token: t.tokens.admin, body: { policy: STRICT, basedOnVersion: 1 } });
    expect(pub.statusCode, pub.body).toBe(201);
    expect(pub.json()).toMatchObject({ version: 2, tenantId: t.tenantId, policy: { name: 'Strict', privacy: { tier: 'minimal' } } });

    const changed = await fetchPolicy({ 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const r = verifyPolicy(await changed.json(), publicKey, t.tenantId, 1);
    expect(r.ok && r.policy.version).toBe(2);
    expect(r.ok && r.policy.policy.data.rules[0]).toEqual({ types: ['tenant:falcon'], action: 'block', minConfidence: 0.5, minCount: 1 });
  });

  it('refuses a publish based on a stale version with 409, and an invalid policy with 400 naming the field', async () => {
    const stale = await call(api.app, 'POST', '/v1/policies', { token: t.tokens.owner, body: { policy: STRICT, basedOnVersion: 1 } });
    expect(stale.statusCode).toBe(409);
    const bad = await call(api.app, 'POST', '/v1/policies', {
      token: t.tokens.owner,
      body: { policy: { ...STRICT, data: { rules: [{ types: ['tenant:missing'], action: 'block' }] } } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toMatch(/policy\.data\.rules\.0\.types\.0/);
  });

  it('lists versions and serves each one verifiable; a rolled-back old version is refused by the device', async () => {
    const list = (await call(api.app, 'GET', '/v1/policies', { token: t.tokens.auditor })).json<{
      current: number;
      versions: { version: number; createdBy: string }[];
    }>();
    expect(list.current).toBe(2);
    expect(list.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(list.versions[1]!.createdBy).toBe('system');
    const v1 = await call(api.app, 'GET', '/v1/policies/1', { token: t.tokens.analyst });
    expect(verifyPolicy(v1.json(), publicKey, t.tenantId, 0).ok).toBe(true);
    expect(verifyPolicy(v1.json(), publicKey, t.tenantId, 2)).toMatchObject({ ok: false, reason: 'rollback' });
    expect((await call(api.app, 'GET', '/v1/policies/99', { token: t.tokens.owner })).statusCode).toBe(404);
  });

  it('a policy edited in the database fails verification on the device', async () => {
    const [row] = await api.db.query<{ envelope: string }>('SELECT envelope FROM policies WHERE tenant_id = $1 AND version = 2', [
      t.tenantId,
    ]);
    await api.db.query('UPDATE policies SET envelope = $3 WHERE tenant_id = $1 AND version = $2', [
      t.tenantId,
      2,
      row!.envelope.replace('"defaultAction":"justify"', '"defaultAction":"sanctioned"'),
    ]);
    const r = verifyPolicy(await (await fetchPolicy()).json(), publicKey, t.tenantId, 1);
    expect(r).toMatchObject({ ok: false, reason: 'bad_signature' });
  });
});
