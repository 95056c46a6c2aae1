import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInResponse } from '../../shared/contracts/admin.ts';
import { call, newTenant, startApi, type Api, type TestTenant } from './harness/api.ts';
import { STORES } from './harness/stores.ts';

const COOKIE = '__Host-daylight_session';

/** Invites an admin and signs them in; answers the session and the Set-Cookie header. */
async function signIn(api: Api, t: TestTenant, email: string) {
  const invite = await call(api.app, 'POST', '/v1/admins', { token: t.tokens.owner, body: { email, role: 'owner' } });
  expect(invite.statusCode, invite.body).toBe(201);
  const res = await call(api.app, 'POST', '/v1/auth/sign-in', { body: { token: invite.json<{ signInToken: string }>().signInToken } });
  expect(res.statusCode, res.body).toBe(200);
  return { session: SignInResponse.parse(res.json()), setCookie: String(res.headers['set-cookie']) };
}

describe.each(STORES)('dashboard sessions on %s', (kind) => {
  let api: Api;
  let t: TestTenant;
  beforeAll(async () => {
    api = await startApi(kind);
    t = await newTenant(api);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('sign-in sets an HttpOnly, Secure, SameSite=Strict host cookie and answers a CSRF token', async () => {
    const { session, setCookie } = await signIn(api, t, 'cookie1@example.test');
    expect(setCookie).toContain(`${COOKIE}=${session.sessionToken}`);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('authenticates by cookie; state-changing requests need the CSRF token of that session', async () => {
    const a = await signIn(api, t, 'cookie2@example.test');
    const b = await signIn(api, t, 'cookie3@example.test');
    const cookie = `theme=dark; ${COOKIE}=${a.session.sessionToken}`;
    expect((await call(api.app, 'GET', '/v1/tenant', { headers: { cookie } })).statusCode).toBe(200);

    const create = (headers: Record<string, string>) =>
      call(api.app, 'POST', '/v1/tokens', { headers, body: { name: 'by-cookie', role: 'analyst' } });
    for (const [why, headers] of [
      ['no token', { cookie }],
      ['a wrong token', { cookie, 'x-csrf-token': 'A'.repeat(43) }],
      ["another session's token", { cookie, 'x-csrf-token': b.session.csrfToken }],
      ['a truncated token', { cookie, 'x-csrf-token': a.session.csrfToken.slice(0, 42) }],
    ] as const) {
      const res = await create(headers);
      expect(res.statusCode, why).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/CSRF/) });
    }
    expect(await api.db.query("SELECT 1 FROM api_tokens WHERE tenant_id = $1 AND name = 'by-cookie'", [t.tenantId])).toHaveLength(0);
    expect((await create({ cookie, 'x-csrf-token': a.session.csrfToken })).statusCode).toBe(201);
    // DELETE is state-changing too.
    const [tok] = await api.db.query<{ token_id: string }>("SELECT token_id FROM api_tokens WHERE tenant_id = $1 AND name = 'by-cookie'", [
      t.tenantId,
    ]);
    expect((await call(api.app, 'DELETE', `/v1/tokens/${tok!.token_id}`, { headers: { cookie } })).statusCode).toBe(403);
  });

  it('leaves bearer requests alone: no CSRF token needed, and a bearer header is never mixed with the cookie', async () => {
    const a = await signIn(api, t, 'cookie4@example.test');
    const bearer = await call(api.app, 'POST', '/v1/tokens', {
      token: a.session.sessionToken,
      body: { name: 'by-bearer', role: 'analyst' },
    });
    expect(bearer.statusCode).toBe(201);
    const apiToken = await call(api.app, 'POST', '/v1/tokens', { token: t.tokens.owner, body: { name: 'by-api-token', role: 'analyst' } });
    expect(apiToken.statusCode).toBe(201);
    // A bad Authorization header is a 401 even with a good cookie.
    const mixed = await call(api.app, 'GET', '/v1/tenant', {
      headers: { authorization: 'Bearer nope', cookie: `${COOKIE}=${a.session.sessionToken}` },
    });
    expect(mixed.statusCode).toBe(401);
    // Only sessions travel in the cookie: an API token there is not a credential.
    expect((await call(api.app, 'GET', '/v1/tenant', { headers: { cookie: `${COOKIE}=${t.tokens.owner}` } })).statusCode).toBe(401);
    expect((await call(api.app, 'GET', '/v1/tenant', { headers: { cookie: `${COOKIE}=garbage` } })).statusCode).toBe(401);
  });

  it('signs out: the session ends, its cookie is cleared, and neither cookie nor bearer works after', async () => {
    const a = await signIn(api, t, 'cookie5@example.test');
    const cookie = `${COOKIE}=${a.session.sessionToken}`;
    expect((await call(api.app, 'POST', '/v1/auth/sign-out', { headers: { cookie } })).statusCode).toBe(403);
    const out = await call(api.app, 'POST', '/v1/auth/sign-out', { headers: { cookie, 'x-csrf-token': a.session.csrfToken } });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toEqual({ signedOut: true });
    expect(String(out.headers['set-cookie'])).toMatch(new RegExp(`^${COOKIE}=;.*Expires=Thu, 01 Jan 1970`));
    expect((await call(api.app, 'GET', '/v1/tenant', { headers: { cookie } })).statusCode).toBe(401);
    expect((await call(api.app, 'GET', '/v1/tenant', { token: a.session.sessionToken })).statusCode).toBe(401);
    const audit = await api.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE tenant_id = $1 AND action = 'admin.sign_out'",
      [t.tenantId],
    );
    expect(audit).toHaveLength(1);
    // An API token has no session to end.
    expect((await call(api.app, 'POST', '/v1/auth/sign-out', { token: t.tokens.owner })).statusCode).toBe(400);
  });
});

describe('dashboard sessions on plain-http localhost development', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi('pglite', { cookieSecure: false });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('drops Secure (and the __Host- prefix, which requires it) only when configured so', async () => {
    const t = await newTenant(api);
    const { session, setCookie } = await signIn(api, t, 'dev@example.test');
    expect(setCookie).toMatch(/^daylight_session=/);
    expect(setCookie).not.toMatch(/Secure/);
    expect(setCookie).toMatch(/HttpOnly/);
    const cookie = `daylight_session=${session.sessionToken}`;
    expect((await call(api.app, 'GET', '/v1/tenant', { headers: { cookie } })).statusCode).toBe(200);
    expect((await call(api.app, 'POST', '/v1/tokens', { headers: { cookie }, body: { name: 'x', role: 'analyst' } })).statusCode).toBe(403);
  });
});
