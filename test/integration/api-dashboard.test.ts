/**
 * The routes the dashboard adds: who am I (with the CSRF token of a cookie session), every app
 * seen, and the sensitive-data events list (filters, paging, CSV, never values); and the static
 * dashboard files with their security headers. Real HTTP stack (inject) on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppsSeenReport, DataEventPage, MeResponse } from '../../shared/contracts/dashboard.ts';
import type { ClientEvent } from '../../shared/contracts/events.ts';
import { defaultPolicy } from '../../shared/policy/schema.ts';
import { call, DEVICE_FACTS, enroll, newTenant, startApi, type Api, type TestTenant } from './harness/api.ts';
import { STORES } from './harness/stores.ts';

let seq = 0;
const HASH = 'ab'.repeat(32);
const ev = (over: Partial<ClientEvent>): ClientEvent => ({
  id: `dash_${(++seq).toString().padStart(8, '0')}`,
  at: '2025-03-04T10:00:00Z',
  app: 'chatgpt',
  host: 'chatgpt.com',
  surface: 'browser',
  action: 'paste',
  decision: 'allow',
  dataTypes: [],
  ...over,
});
const RANGE = 'from=2025-03-01&to=2025-03-07';

describe.each(STORES)('dashboard routes on %s', (kind) => {
  let api: Api;
  let t: TestTenant;
  let other: TestTenant;
  const get = (url: string, token = t.tokens.analyst) => call(api.app, 'GET', url, { token });

  beforeAll(async () => {
    api = await startApi(kind, { cookieSecure: false });
    t = await newTenant(api);
    other = await newTenant(api);
    const policy = { ...defaultPolicy(), apps: { defaultAction: 'monitored', rules: [{ apps: ['claude'], action: 'sanctioned' }] } };
    expect((await call(api.app, 'POST', '/v1/policies', { token: t.tokens.admin, body: { policy } })).statusCode).toBe(201);
    const dev = async (tenant: TestTenant, user: string) =>
      (await enroll(api, tenant.enrollmentToken, { ...DEVICE_FACTS, user: { id: user, source: 'mdm' } })).credential;
    const send = async (cred: string, events: ClientEvent[]) =>
      expect((await call(api.app, 'POST', '/v1/events', { token: cred, body: { events } })).statusCode).toBe(200);
    await send(await dev(t, 'ana@example.test'), [
      ev({ action: 'visit', decision: 'monitored', at: '2025-03-01T08:00:00Z' }),
      ev({ decision: 'block', dataTypes: [{ type: 'aws_access_key', count: 1 }], valueHashes: [HASH], at: '2025-03-04T11:00:00Z' }),
      ev({ app: 'claude', host: 'claude.ai', decision: 'warn', dataTypes: [{ type: 'email', count: 7 }], at: '2025-03-05T09:00:00Z' }),
      ev({
        decision: 'justify',
        dataTypes: [{ type: 'credit_card', count: 2 }],
        justification: 'card of the customer',
        at: '2025-03-06T09:00:00Z',
      }),
    ]);
    await send(await dev(t, 'ben@example.test'), [
      ev({ app: 'claude', host: 'claude.ai', action: 'visit', decision: 'sanctioned', at: '2025-03-02T08:00:00Z' }),
      ev({ decision: 'redact', dataTypes: [{ type: 'email', count: 1 }], at: '2025-03-07T23:30:00Z' }),
    ]);
    await send(await dev(other, 'zed@other.test'), [
      ev({ app: 'other-only-app', host: 'other.example', decision: 'block', dataTypes: [{ type: 'email', count: 1 }] }),
    ]);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('GET /v1/auth/me names the caller; a cookie session gets its CSRF token, a bearer token none', async () => {
    const bearer = MeResponse.parse((await get('/v1/auth/me', t.tokens.auditor)).json());
    expect(bearer).toMatchObject({ tenantId: t.tenantId, role: 'auditor', email: null, csrfToken: null });
    const signIn = await call(api.app, 'POST', '/v1/auth/sign-in', { body: { token: t.signInToken } });
    const { sessionToken, csrfToken } = signIn.json<{ sessionToken: string; csrfToken: string }>();
    const viaCookie = await call(api.app, 'GET', '/v1/auth/me', { headers: { cookie: `daylight_session=${sessionToken}` } });
    expect(viaCookie.headers['cache-control']).toBe('no-store');
    expect(MeResponse.parse(viaCookie.json())).toMatchObject({
      role: 'owner',
      csrfToken,
      email: expect.stringMatching(/^owner\d+@example\.test$/),
    });
  });

  it('GET /v1/reports/apps-seen lists every app with users, first/last day, risk and status', async () => {
    const res = await get(`/v1/reports/apps-seen?${RANGE}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = AppsSeenReport.parse(res.json());
    expect(body.rows.map((r) => r.app)).toEqual(['chatgpt', 'claude']);
    expect(body.rows[0]).toMatchObject({
      name: 'ChatGPT',
      users: 2,
      events: 4,
      status: 'monitored',
      firstSeen: '2025-03-01',
      lastSeen: '2025-03-07',
    });
    expect(body.rows[0]!.decisions).toMatchObject({ block: 1, justify: 1, redact: 1, monitored: 1 });
    expect(body.rows[1]).toMatchObject({
      app: 'claude',
      users: 2,
      status: 'sanctioned',
      risk: expect.stringMatching(/^(low|medium|high)$/),
    });
    expect(res.body).not.toContain('other-only-app');
    const csv = await get(`/v1/reports/apps-seen?${RANGE}&format=csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\r\n')[1]).toMatch(/^chatgpt,ChatGPT,OpenAI,chat,\w+,monitored,2,4,2025-03-01,2025-03-07,/);
  });

  it('GET /v1/reports/events: only events with findings, newest first, filtered, paged, no values', async () => {
    const all = DataEventPage.parse((await get(`/v1/reports/events?${RANGE}`)).json());
    expect(all.rows.map((r) => r.dataTypes[0]!.type)).toEqual(['email', 'credit_card', 'email', 'aws_access_key']);
    expect(all.rows[3]).toMatchObject({
      userId: 'ana@example.test',
      decision: 'block',
      values: 1,
      justified: false,
      hostname: 'mbp-test-01',
    });
    expect(all.rows[1]).toMatchObject({ justified: true });
    const text = JSON.stringify(all);
    expect(text).not.toContain(HASH);
    expect(text).not.toContain('card of the customer');
    expect(text).not.toContain('other-only-app');

    const by = async (q: string) => DataEventPage.parse((await get(`/v1/reports/events?${RANGE}&${q}`)).json()).rows.map((r) => r.eventId);
    expect(await by('type=email')).toHaveLength(2);
    expect(await by('type=email&app=claude')).toHaveLength(1);
    expect(await by('user=BEN@example.test')).toHaveLength(1);
    expect(await by('decision=block')).toHaveLength(1);
    expect(await by('surface=desktop')).toHaveLength(0);
    // Berlin's 2025-03-07 ends at 23:00 UTC: Ben's 23:30 UTC redaction is on the 8th there.
    expect(await by('tz=Europe/Berlin&decision=redact')).toHaveLength(0);

    const p1 = DataEventPage.parse((await get(`/v1/reports/events?${RANGE}&limit=3`)).json());
    expect(p1.rows).toHaveLength(3);
    const p2 = DataEventPage.parse((await get(`/v1/reports/events?${RANGE}&limit=3&after=${p1.next}`)).json());
    expect([...p1.rows, ...p2.rows].map((r) => r.eventId)).toEqual(all.rows.map((r) => r.eventId));
    expect(p2.next).toBeNull();

    const csv = await get(`/v1/reports/events?${RANGE}&format=csv`);
    expect(csv.body.split('\r\n')[0]).toBe(
      'at,user,app,host,surface,action,decision,data_types,values,text_length,justified,device,hostname,event',
    );
    expect(csv.body).toContain('aws_access_key:1');
    expect(csv.body).not.toContain(HASH);
  });

  it('refuses bad filters with a 400 and the reviewer with a 403', async () => {
    for (const q of ['type=%20x', 'decision=maybe', 'surface=tv', 'after=nope', 'limit=0', 'from=2025-03-09&to=2025-03-01', 'x=1']) {
      const res = await get(`/v1/reports/events?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'bad_request' } });
    }
    expect((await get('/v1/reports/apps-seen', t.tokens.reviewer)).statusCode).toBe(403);
    expect((await get('/v1/reports/events', t.tokens.auditor)).statusCode).toBe(403);
  });

  it('serves the dashboard: pages under /app/ and /sign-in share index.html with a strict CSP', async () => {
    const root = await call(api.app, 'GET', '/');
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/app/overview');
    for (const url of ['/sign-in', '/app/overview', '/app/policy']) {
      const res = await call(api.app, 'GET', url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
    expect((await call(api.app, 'GET', '/assets/nope.js')).statusCode).toBe(404);
    expect((await call(api.app, 'GET', '/assets/../../package.json')).statusCode).toBe(404);
  });
});
