/**
 * Single sign-on end to end: the real server listening on loopback, a real OpenID provider
 * (`oidc-provider`) started here, and the browser's part played by real HTTP requests that follow
 * every redirect and keep cookies. Group-to-role mapping, just-in-time admins, refusals.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorResponse } from '../../shared/contracts/errors.ts';
import { call, newTenant, startApi, type Api, type TestTenant } from './harness/api.ts';
import { Browser, startIdp, type TestIdp } from './harness/idp.ts';
import { STORES } from './harness/stores.ts';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe.each(STORES)('OIDC sign-in on %s', (kind) => {
  let api: Api;
  let idp: TestIdp;
  let t: TestTenant;
  let other: TestTenant;
  let base: string;

  const config = (extra: Record<string, unknown> = {}) => ({
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    groupsClaim: 'groups',
    scopes: 'openid email profile groups',
    roleMapping: [
      { group: 'daylight-admins', role: 'admin' },
      { group: 'security-reviewers', role: 'reviewer' },
    ],
    ...extra,
  });

  /** One whole sign-in as `user`: start at Daylight, through the IdP, back to the callback. */
  async function signIn(user: string, tenantId = t.tenantId) {
    idp.user = user;
    const browser = new Browser();
    const done = await browser.follow(`${base}/v1/auth/oidc/${tenantId}/start`, (u) => u.origin === base && u.pathname === '/');
    const host = new URL(base).host;
    return { browser, done, session: browser.cookie(host, 'daylight_session') };
  }

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = await startApi(kind, { cookieSecure: false, publicUrl: base });
    await api.app.listen({ host: '127.0.0.1', port });
    idp = await startIdp(`${base}/v1/auth/oidc/callback`);
    idp.accounts.set('00u1reviewer', { email: 'Rita.Reviewer@Acme.test', groups: ['Everyone', 'security-reviewers'] });
    idp.accounts.set('00u2nobody', { email: 'ned@acme.test', groups: ['Everyone'] });
    t = await newTenant(api, 'Acme');
    other = await newTenant(api, 'Other');
  });
  afterAll(async () => {
    await idp?.close();
    await api?.close();
  });

  it('only the owner configures it; the secret is sealed and never shown', async () => {
    expect((await call(api.app, 'PUT', '/v1/sso/oidc', { token: t.tokens.admin, body: config() })).statusCode).toBe(403);
    const bad = await call(api.app, 'PUT', '/v1/sso/oidc', {
      token: t.tokens.owner,
      body: config({ issuer: 'http://idp.example.test', roleMapping: [{ group: 'x', role: 'root' }] }),
    });
    expect(bad.statusCode).toBe(400);
    expect(ErrorResponse.parse(bad.json()).error.message).toMatch(/issuer|role/);
    const res = await call(api.app, 'PUT', '/v1/sso/oidc', { token: t.tokens.owner, body: config() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      enabled: true,
      issuer: idp.issuer,
      hasClientSecret: true,
      redirectUri: `${base}/v1/auth/oidc/callback`,
      startUrl: `${base}/v1/auth/oidc/${t.tenantId}/start`,
    });
    const read = await call(api.app, 'GET', '/v1/sso/oidc', { token: t.tokens.auditor });
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain(idp.clientSecret);
    const [row] = await api.db.query<{ client_secret_sealed: string }>('SELECT client_secret_sealed FROM sso_oidc WHERE tenant_id = $1', [
      t.tenantId,
    ]);
    expect(row!.client_secret_sealed).not.toContain(idp.clientSecret);
    // Without a secret in the body the stored one stays.
    const again = await call(api.app, 'PUT', '/v1/sso/oidc', { token: t.tokens.owner, body: { ...config(), clientSecret: undefined } });
    expect(again.json()).toMatchObject({ hasClientSecret: true });
    expect((await call(api.app, 'GET', '/v1/sso/oidc', { token: other.tokens.owner })).statusCode).toBe(404);
  });

  it('signs a user in through the IdP with PKCE; the IdP group maps to the role; the admin is created just in time', async () => {
    const { done, session, browser } = await signIn('00u1reviewer');
    // The dance went Daylight -> IdP -> IdP login/consent -> Daylight callback -> dashboard.
    expect(done.hops[0]!.pathname).toBe(`/v1/auth/oidc/${t.tenantId}/start`);
    const authorize = done.hops[1]!;
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('scope')).toBe('openid email profile groups');
    expect(done.hops.at(-1)!.pathname).toBe('/v1/auth/oidc/callback');
    expect(done.url.href).toBe(`${base}/`);
    expect(session).toMatch(/^dls_/);
    // The state cookie is gone once used.
    expect(browser.cookie(new URL(base).host, 'daylight_oidc')).toBeUndefined();

    // The session works as a cookie session, with the mapped role and a CSRF token.
    const cookie = { cookie: `daylight_session=${session}` };
    const me = await fetch(`${base}/v1/auth/session`, { headers: cookie });
    expect(me.status).toBe(200);
    const info = (await me.json()) as { email: string; role: string; csrfToken: string };
    expect(info).toMatchObject({ email: 'rita.reviewer@acme.test', role: 'reviewer' });
    expect((await fetch(`${base}/v1/justifications`, { headers: cookie })).status).toBe(200);
    expect((await fetch(`${base}/v1/audit`, { headers: cookie })).status).toBe(403);
    const admins = (await call(api.app, 'GET', '/v1/admins', { token: t.tokens.owner })).json<{
      admins: { email: string; role: string }[];
    }>();
    expect(admins.admins).toContainEqual(expect.objectContaining({ email: 'rita.reviewer@acme.test', role: 'reviewer' }));
    // Signing out needs the CSRF token, and ends the session.
    expect((await fetch(`${base}/v1/auth/sign-out`, { method: 'POST', headers: cookie })).status).toBe(403);
    const out = await fetch(`${base}/v1/auth/sign-out`, { method: 'POST', headers: { ...cookie, 'x-csrf-token': info.csrfToken } });
    expect(out.status).toBe(200);
    expect((await fetch(`${base}/v1/auth/session`, { headers: cookie })).status).toBe(401);
  });

  it('updates the role at the next sign-in when the IdP groups change', async () => {
    idp.accounts.set('00u1reviewer', { email: 'rita.reviewer@acme.test', groups: ['daylight-admins', 'security-reviewers'] });
    const { session } = await signIn('00u1reviewer');
    const me = (await (await fetch(`${base}/v1/auth/session`, { headers: { cookie: `daylight_session=${session}` } })).json()) as {
      role: string;
    };
    // First matching mapping wins: daylight-admins -> admin.
    expect(me.role).toBe('admin');
    const admins = (await call(api.app, 'GET', '/v1/admins', { token: t.tokens.owner })).json<{ admins: { email: string }[] }>();
    expect(admins.admins.filter((a) => a.email === 'rita.reviewer@acme.test')).toHaveLength(1);
  });

  it('refuses a user none of whose groups maps to a role, and a user SCIM deactivated', async () => {
    const { done, session } = await signIn('00u2nobody');
    expect(done.res.status).toBe(403);
    expect(ErrorResponse.parse(await done.res.json()).error.message).toMatch(/none of your groups/);
    expect(session).toBeUndefined();
    const admins = (await call(api.app, 'GET', '/v1/admins', { token: t.tokens.owner })).json<{ admins: { email: string }[] }>();
    expect(admins.admins.map((a) => a.email)).not.toContain('ned@acme.test');

    await api.db.query("INSERT INTO directory_users (tenant_id, user_id, active) VALUES ($1, 'rita.reviewer@acme.test', false)", [
      t.tenantId,
    ]);
    const deactivated = await signIn('00u1reviewer');
    expect(deactivated.done.res.status).toBe(403);
    expect(deactivated.session).toBeUndefined();
    await api.db.query("DELETE FROM directory_users WHERE tenant_id = $1 AND user_id = 'rita.reviewer@acme.test'", [t.tenantId]);
  });

  it('refuses a callback without the state cookie, with a forged state, or an IdP error; unknown tenants get 404', async () => {
    const noCookie = await fetch(`${base}/v1/auth/oidc/callback?code=abc&state=def`, { redirect: 'manual' });
    expect(noCookie.status).toBe(400);
    // Start properly, then come back with another state than the one issued.
    const browser = new Browser();
    const start = await browser.follow(`${base}/v1/auth/oidc/${t.tenantId}/start`, (u) => u.origin === idp.issuer);
    expect(start.res.status).toBe(302);
    const stateCookie = browser.cookie(new URL(base).host, 'daylight_oidc');
    expect(stateCookie).toBeTruthy();
    const forged = await fetch(`${base}/v1/auth/oidc/callback?code=abc&state=forged`, {
      redirect: 'manual',
      headers: { cookie: `daylight_oidc=${stateCookie}` },
    });
    expect(forged.status).toBe(401);
    const denied = await fetch(`${base}/v1/auth/oidc/callback?error=access_denied&state=x`, {
      redirect: 'manual',
      headers: { cookie: `daylight_oidc=${stateCookie}` },
    });
    expect(denied.status).toBe(401);
    expect(ErrorResponse.parse(await denied.json()).error.message).toMatch(/access_denied/);
    expect((await fetch(`${base}/v1/auth/oidc/${other.tenantId}/start`, { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${base}/v1/auth/oidc/Not_A_Tenant/start`, { redirect: 'manual' })).status).toBe(400);
  });

  it('reads e-mail and groups from userinfo when the IdP keeps them out of the ID token', async () => {
    const strict = await startIdp(`${base}/v1/auth/oidc/callback`, { claimsInIdToken: false });
    try {
      strict.accounts.set('u-strict', { email: 'sam@other.test', groups: ['Daylight-Analysts'] });
      const put = await call(api.app, 'PUT', '/v1/sso/oidc', {
        token: other.tokens.owner,
        body: {
          issuer: strict.issuer,
          clientId: strict.clientId,
          clientSecret: strict.clientSecret,
          scopes: 'openid email groups',
          roleMapping: [{ group: 'Daylight-Analysts', role: 'analyst' }],
        },
      });
      expect(put.statusCode, put.body).toBe(200);
      strict.user = 'u-strict';
      const browser = new Browser();
      const done = await browser.follow(`${base}/v1/auth/oidc/${other.tenantId}/start`, (u) => u.origin === base && u.pathname === '/');
      expect(done.res.status, await done.res.clone().text()).toBe(302);
      const session = browser.cookie(new URL(base).host, 'daylight_session');
      const me = await fetch(`${base}/v1/auth/session`, { headers: { cookie: `daylight_session=${session}` } });
      expect(await me.json()).toMatchObject({ email: 'sam@other.test', role: 'analyst' });
    } finally {
      await strict.close();
    }
  });

  it('starts by tenant slug too; a slug names one tenant only', async () => {
    const put = await call(api.app, 'PUT', '/v1/sso/oidc', { token: t.tokens.owner, body: { ...config(), slug: 'acme' } });
    expect(put.json()).toMatchObject({ slug: 'acme', startUrl: `${base}/v1/auth/oidc/acme/start` });
    const taken = await call(api.app, 'PUT', '/v1/sso/oidc', { token: other.tokens.owner, body: { ...config(), slug: 'acme' } });
    expect(taken.statusCode).toBe(409);
    idp.accounts.set('00u1reviewer', { email: 'rita.reviewer@acme.test', groups: ['security-reviewers'] });
    idp.user = '00u1reviewer';
    const browser = new Browser();
    const done = await browser.follow(`${base}/v1/auth/oidc/acme/start`, (u) => u.origin === base && u.pathname === '/');
    expect(done.res.status).toBe(302);
    expect(browser.cookie(new URL(base).host, 'daylight_session')).toMatch(/^dls_/);
    expect((await fetch(`${base}/v1/auth/oidc/nobody-here/start`, { redirect: 'manual' })).status).toBe(404);
  });

  it('a local owner keeps the owner role when signing in by SSO; everything is in the audit chain', async () => {
    const [owner] = await api.db.query<{ email: string }>("SELECT email FROM admins WHERE tenant_id = $1 AND role = 'owner'", [t.tenantId]);
    idp.accounts.set('00u3owner', { email: owner!.email, groups: ['security-reviewers'] });
    const { session } = await signIn('00u3owner');
    const me = (await (await fetch(`${base}/v1/auth/session`, { headers: { cookie: `daylight_session=${session}` } })).json()) as {
      role: string;
    };
    expect(me.role).toBe('owner');
    const log = (await call(api.app, 'GET', '/v1/audit?limit=1000', { token: t.tokens.owner })).json<{
      records: { action: string; details: Record<string, unknown> }[];
    }>();
    expect(log.records.filter((r) => r.action === 'sso.configure')).toHaveLength(3);
    const signIns = log.records.filter((r) => r.action === 'admin.sign_in' && r.details.via === 'oidc').map((r) => r.details);
    expect(signIns).toEqual([
      { via: 'oidc', jit: 'created', role: 'reviewer' },
      { via: 'oidc', jit: 'updated', role: 'admin', previousRole: 'reviewer' },
      { via: 'oidc', jit: 'updated', role: 'reviewer', previousRole: 'admin' },
      { via: 'oidc', jit: 'unchanged', role: 'owner' },
    ]);
    expect(JSON.stringify(log)).not.toContain(idp.clientSecret);
    expect((await call(api.app, 'GET', '/v1/audit/verify', { token: t.tokens.owner })).json()).toMatchObject({ ok: true });
  });
});
