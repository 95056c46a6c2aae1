import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../shared/contracts/admin.ts';
import { ErrorResponse } from '../../shared/contracts/errors.ts';
import { ROUTES, type RouteAccess, type RouteKey } from '../../server/src/auth/roles.ts';
import { call, enroll, newTenant, startApi, type Api, type TestTenant } from './harness/api.ts';
import { STORES } from './harness/stores.ts';

const SOME_ID = '00000000-0000-4000-8000-000000000000';
const ROUTE_KEYS = Object.keys(ROUTES) as RouteKey[];

/** The error code of an API error, or of a SCIM error (the /scim/v2 routes answer in SCIM's format). */
function codeOf(res: { json(): unknown }): string {
  const b = res.json() as { error?: unknown; status?: string };
  if (b.error !== undefined) return ErrorResponse.parse(b).error.code;
  return ({ '401': 'unauthorized', '403': 'forbidden' } as Record<string, string>)[b.status ?? ''] ?? String(b.status);
}

function split(key: RouteKey): { method: string; url: string } {
  const [method, path] = key.split(' ') as [string, string];
  return { method, url: path.replace(':id', SOME_ID).replace(':version', '1') };
}

describe.each(STORES)('auth on %s', (kind) => {
  let api: Api;
  let t: TestTenant;
  let device: string;
  let scim: string;
  beforeAll(async () => {
    api = await startApi(kind);
    t = await newTenant(api);
    device = (await enroll(api, t.enrollmentToken)).credential;
    scim = (await call(api.app, 'POST', '/v1/scim-tokens', { token: t.tokens.owner, body: { name: 'idp' } })).json<{ token: string }>()
      .token;
  });
  afterAll(async () => {
    await api?.close();
  });

  // The table test: every credential kind and role against every route in roles.ts.
  const principals = [...Role.options, 'device', 'enrollment', 'scim'] as const;
  const allowed = (access: RouteAccess, p: (typeof principals)[number]): boolean =>
    access.auth === 'public' || (access.auth === 'admin' ? (access.roles as readonly string[]).includes(p) : access.auth === p);

  describe.each(ROUTE_KEYS)('%s', (key) => {
    const access: RouteAccess = ROUTES[key];
    it.each(principals)('as %s', async (p) => {
      const token = p === 'device' ? device : p === 'enrollment' ? t.enrollmentToken : p === 'scim' ? scim : t.tokens[p];
      const { method, url } = split(key);
      // The auth hook runs before body validation, so an empty body is enough to see 403 or not.
      const res = await call(api.app, method, url, { token, ...(method === 'POST' ? { body: {} } : {}) });
      if (allowed(access, p)) {
        expect([401, 403], `${res.statusCode} ${res.body}`).not.toContain(res.statusCode);
        expect(res.statusCode).toBeLessThan(500);
      } else {
        expect(res.statusCode, res.body).toBe(403);
        expect(codeOf(res)).toBe('forbidden');
      }
    });

    if (access.auth !== 'public') {
      it.each([
        ['no credential', undefined],
        ['garbage', 'not-a-token'],
        ['a well-formed unknown token', `dlt_${'A'.repeat(22)}${'B'.repeat(43)}`],
      ])('401 with %s', async (_n, token) => {
        const { method, url } = split(key);
        const res = await call(api.app, method, url, { token });
        expect(res.statusCode).toBe(401);
        expect(res.headers['www-authenticate']).toBe('Bearer');
        expect(codeOf(res)).toBe('unauthorized');
      });
    }
  });

  it('refuses a revoked API token at once', async () => {
    const created = await call(api.app, 'POST', '/v1/tokens', { token: t.tokens.owner, body: { name: 'ci', role: 'analyst' } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json<{ id: string; token: string }>();
    expect(token).toMatch(/^dlt_/);
    expect((await call(api.app, 'GET', '/v1/tenant', { token })).statusCode).toBe(200);
    expect((await call(api.app, 'DELETE', `/v1/tokens/${id}`, { token: t.tokens.owner })).json()).toMatchObject({
      id,
      revokedAt: expect.any(String),
    });
    expect((await call(api.app, 'GET', '/v1/tenant', { token })).statusCode).toBe(401);
    const listed = (await call(api.app, 'GET', '/v1/tokens', { token: t.tokens.owner })).json<{ tokens: { id: string; role: string }[] }>();
    expect(listed.tokens.find((x) => x.id === id)).toMatchObject({ role: 'analyst' });
    expect(JSON.stringify(listed)).not.toContain(token);
  });

  it('signs an admin in once through the one-time link, with the role of the admin', async () => {
    const invite = await call(api.app, 'POST', '/v1/admins', {
      token: t.tokens.owner,
      body: { email: 'Rev@Example.test', role: 'reviewer' },
    });
    expect(invite.statusCode).toBe(201);
    const { signInToken, admin } = invite.json<{ signInToken: string; admin: { email: string } }>();
    expect(admin.email).toBe('rev@example.test');
    const first = await call(api.app, 'POST', '/v1/auth/sign-in', { body: { token: signInToken } });
    expect(first.statusCode).toBe(200);
    const session = first.json<{ sessionToken: string; role: string }>();
    expect(session.role).toBe('reviewer');
    expect((await call(api.app, 'GET', '/v1/tenant', { token: session.sessionToken })).statusCode).toBe(200);
    expect((await call(api.app, 'GET', '/v1/audit', { token: session.sessionToken })).statusCode).toBe(403);
    const second = await call(api.app, 'POST', '/v1/auth/sign-in', { body: { token: signInToken } });
    expect(second.statusCode).toBe(401);
    // The owner's link from tenant creation works once as well.
    const owner = await call(api.app, 'POST', '/v1/auth/sign-in', { body: { token: t.signInToken } });
    expect(owner.json()).toMatchObject({ role: 'owner' });
    const dup = await call(api.app, 'POST', '/v1/admins', { token: t.tokens.owner, body: { email: 'rev@example.test', role: 'admin' } });
    expect(dup.statusCode).toBe(409);
  });

  it('never shows the tenant signing key on any readable route', async () => {
    const [row] = await api.db.query<{ signing_key_sealed: string }>('SELECT signing_key_sealed FROM tenants WHERE tenant_id = $1', [
      t.tenantId,
    ]);
    const secretHex = Buffer.from(api.keys.open(row!.signing_key_sealed, `${t.tenantId}:signing`)).toString('hex');
    for (const key of ROUTE_KEYS.filter((k) => k.startsWith('GET '))) {
      const { url } = split(key);
      const token = ROUTES[key].auth === 'device' ? device : t.tokens.owner;
      const res = await call(api.app, 'GET', url, { token });
      expect(res.body).not.toContain(secretHex);
      expect(res.body).not.toContain(row!.signing_key_sealed);
      expect(res.body).not.toMatch(/_sealed|token_hash|credential_hash/);
    }
  });
});

describe.each(STORES)('errors on %s', (kind) => {
  let api: Api;
  let t: TestTenant;
  beforeAll(async () => {
    api = await startApi(kind);
    t = await newTenant(api);
  });
  afterAll(async () => {
    await api?.close();
  });

  const expectError = (res: { statusCode: number; json(): unknown }, status: number, code: string, message?: RegExp) => {
    expect(res.statusCode).toBe(status);
    const e = ErrorResponse.parse(res.json()).error;
    expect(e.code).toBe(code);
    if (message) expect(e.message).toMatch(message);
  };

  it('answers malformed JSON with 400 and says so', async () => {
    const res = await call(api.app, 'POST', '/v1/tokens', {
      token: t.tokens.owner,
      body: '{"name": "x",',
      headers: { 'content-type': 'application/json' },
    });
    expectError(res, 400, 'bad_request', /JSON/i);
  });

  it('answers a schema violation with 400 naming the field', async () => {
    const res = await call(api.app, 'POST', '/v1/tokens', { token: t.tokens.owner, body: { name: 'x', role: 'superuser' } });
    expectError(res, 400, 'bad_request', /role/);
    const extra = await call(api.app, 'POST', '/v1/tokens', { token: t.tokens.owner, body: { name: 'x', role: 'admin', sneaky: 1 } });
    expectError(extra, 400, 'bad_request', /sneaky|unrecognized/i);
  });

  it('refuses prototype poisoning, other media types and oversize bodies with 4xx', async () => {
    const poison = await call(api.app, 'POST', '/v1/tokens', {
      token: t.tokens.owner,
      body: '{"name":"x","role":"admin","__proto__":{"admin":true}}',
      headers: { 'content-type': 'application/json' },
    });
    expectError(poison, 400, 'bad_request');
    const text = await call(api.app, 'POST', '/v1/tokens', {
      token: t.tokens.owner,
      body: 'name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expectError(text, 415, 'unsupported_media_type');
    const big = await call(api.app, 'POST', '/v1/tokens', { token: t.tokens.owner, body: { name: 'x'.repeat(100_000), role: 'admin' } });
    expectError(big, 413, 'payload_too_large');
  });

  it('answers unknown routes and bad path parameters with JSON 404 / 400', async () => {
    expectError(await call(api.app, 'GET', '/v1/nope'), 404, 'not_found');
    expectError(await call(api.app, 'DELETE', '/v1/tokens/not-a-uuid', { token: t.tokens.owner }), 400, 'bad_request', /id/);
    expectError(await call(api.app, 'DELETE', `/v1/tokens/${SOME_ID}`, { token: t.tokens.owner }), 404, 'not_found');
  });

  it('answers a server fault with a 500 that reveals nothing', async () => {
    // Break the store under the app: queries now fail with a database error.
    await api.db.query('ALTER TABLE admins RENAME TO admins_gone');
    try {
      const res = await call(api.app, 'GET', '/v1/admins', { token: t.tokens.owner });
      expectError(res, 500, 'internal', /^Internal server error\.$/);
      expect(res.body).not.toMatch(/admins|relation|SQL|at .*\.ts/);
    } finally {
      await api.db.query('ALTER TABLE admins_gone RENAME TO admins');
    }
  });
});
