import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../shared/contracts/admin.ts';
import { defaultPolicy } from '../../shared/policy/schema.ts';
import { ROUTES, type RouteKey } from '../../server/src/auth/roles.ts';
import { call, DEVICE_FACTS, enroll, newTenant, startApi, type Api, type TestTenant } from './harness/api.ts';
import { BROWSER_HEARTBEAT } from './harness/fixtures.ts';
import { STORES } from './harness/stores.ts';

const TABLES = [
  'tenants',
  'admins',
  'sign_in_links',
  'sessions',
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
  'rollout_settings',
  'justification_reviews',
  'policy_exceptions',
  'device_notices',
  'sso_oidc',
  'scim_tokens',
  'directory_groups',
  'directory_group_members',
  'siem_destinations',
  'siem_outbox',
  'siem_dead_letters',
  'activity_hourly',
  'anomaly_state',
  'app_first_use',
  'alerts',
];

const BODIES: Partial<Record<RouteKey, unknown>> = {
  'POST /v1/admins': { email: 'intruder@example.test', role: 'owner' },
  'POST /v1/tokens': { name: 'intruder', role: 'owner' },
  'POST /v1/enrollment-tokens': { name: 'intruder' },
  'POST /v1/policies': { policy: { ...defaultPolicy(), name: 'intruder' } },
  'POST /v1/enroll': DEVICE_FACTS,
  'POST /v1/device/heartbeat': BROWSER_HEARTBEAT,
  'POST /v1/justifications/:id/approve': { scope: 'user', durationMinutes: 60 },
  'POST /v1/justifications/:id/deny': { message: 'intruder' },
  'POST /v1/scim-tokens': { name: 'intruder' },
  'POST /scim/v2/Users': { userName: 'intruder@example.test' },
  'PUT /scim/v2/Users/:id': { userName: 'intruder@example.test' },
  'PATCH /scim/v2/Users/:id': { Operations: [{ op: 'replace', value: { active: false } }] },
  'POST /scim/v2/Groups': { displayName: 'intruders' },
  'PUT /scim/v2/Groups/:id': { displayName: 'intruders' },
  'PATCH /scim/v2/Groups/:id': { Operations: [{ op: 'replace', path: 'displayName', value: 'intruders' }] },
  'PUT /v1/sso/oidc': { issuer: 'https://intruder.example.test', clientId: 'intruder', roleMapping: [{ group: 'x', role: 'owner' }] },
  'POST /v1/siem/destinations': { kind: 'syslog', name: 'intruder', config: { host: '127.0.0.1', port: 9, tls: false } },
  'POST /v1/siem/destinations/:id/requeue': {},
  'POST /v1/events': {
    events: [
      {
        id: 'intruder-0001',
        at: '2025-03-04T10:00:00Z',
        app: 'chatgpt',
        host: 'chatgpt.com',
        surface: 'browser',
        action: 'paste',
        decision: 'allow',
      },
    ],
  },
};

describe.each(STORES)('tenant isolation on %s', (kind) => {
  let api: Api;
  let a: TestTenant;
  let b: TestTenant;
  let aDevice: { deviceId: string; credential: string };
  let bDevice: { deviceId: string; credential: string };
  let aScim: string;
  let bScim: string;
  /** Everything of tenant A an attacker could aim at or learn. */
  let aSecrets: { ids: string[]; texts: string[] };

  beforeAll(async () => {
    api = await startApi(kind);
    a = await newTenant(api, 'Alpha');
    b = await newTenant(api, 'Bravo');
    aDevice = await enroll(api, a.enrollmentToken);
    bDevice = await enroll(api, b.enrollmentToken);
    const scimToken = async (t: TestTenant) =>
      (await call(api.app, 'POST', '/v1/scim-tokens', { token: t.tokens.owner, body: { name: 'idp' } })).json<{ token: string }>().token;
    aScim = await scimToken(a);
    bScim = await scimToken(b);
    const scimUser = await call(api.app, 'POST', '/scim/v2/Users', { token: aScim, body: { userName: 'alpha-scim-user@alpha.test' } });
    await call(api.app, 'POST', '/scim/v2/Groups', {
      token: aScim,
      body: { displayName: 'alpha-scim-group', members: [{ value: scimUser.json<{ id: string }>().id }] },
    });
    const siem = await call(api.app, 'POST', '/v1/siem/destinations', {
      token: a.tokens.admin,
      body: {
        kind: 'webhook',
        name: 'Alpha SIEM',
        config: { url: 'https://siem.alpha.example.test/hook' },
        secret: { hmacKey: 'alpha-hmac-key-0123456789abcdef01234' },
      },
    });
    expect(siem.statusCode, siem.body).toBe(201);
    await api.db.query(
      `INSERT INTO alerts (tenant_id, alert_id, kind, severity, subject, window_start, window_end, evidence, dedupe_key)
       VALUES ($1, gen_random_uuid(), 'sensitive_spike', 'high', 'alpha-only-app', now(), now(), '{}', 'alpha')`,
      [a.tenantId],
    );
    await call(api.app, 'POST', '/v1/events', { token: aDevice.credential, body: BODIES['POST /v1/events'] });
    await call(api.app, 'POST', '/v1/device/heartbeat', { token: aDevice.credential, body: BROWSER_HEARTBEAT });
    // Something for every report to show, inside their default range (the last 30 days).
    const alphaEvent = {
      id: 'alpha-report-0001',
      at: new Date().toISOString(),
      app: 'alpha-only-app',
      host: 'alpha.example.test',
      surface: 'browser',
      action: 'paste',
      decision: 'justify',
      dataTypes: [{ type: 'tenant:alpha-codes', count: 1 }],
      justification: 'Alpha justification',
    };
    expect((await call(api.app, 'POST', '/v1/events', { token: aDevice.credential, body: { events: [alphaEvent] } })).statusCode).toBe(200);
    await api.db.query(
      "INSERT INTO directory_users (tenant_id, user_id, display_name, groups) VALUES ($1, 'alex.doe@example.test', 'Alpha Person', '{alpha-group}')",
      [a.tenantId],
    );
    await call(api.app, 'POST', '/v1/policies', { token: a.tokens.owner, body: { policy: { ...defaultPolicy(), name: 'Alpha v2' } } });
    expect((await call(api.app, 'PUT', '/v1/rollout', { token: a.tokens.owner, body: {} })).statusCode).toBe(200);
    const aRolloutToken = (await call(api.app, 'GET', '/v1/rollout/files/agent.json', { token: a.tokens.owner })).json<{
      enrollmentToken: string;
    }>().enrollmentToken;
    const ids = (table: string, col: string) =>
      api.db.query<{ id: string }>(`SELECT ${col}::text AS id FROM ${table} WHERE tenant_id = $1`, [a.tenantId]);
    const all = [
      ...(await ids('api_tokens', 'token_id')),
      ...(await ids('enrollment_tokens', 'token_id')),
      ...(await ids('devices', 'device_id')),
      ...(await ids('admins', 'admin_id')),
      ...(await ids('justification_reviews', 'review_id')),
      ...(await ids('scim_tokens', 'token_id')),
      ...(await ids('directory_groups', 'group_id')),
      ...(await api.db.query<{ id: string }>(
        'SELECT scim_id::text AS id FROM directory_users WHERE tenant_id = $1 AND scim_id IS NOT NULL',
        [a.tenantId],
      )),
      ...(await ids('siem_destinations', 'destination_id')),
      ...(await ids('alerts', 'alert_id')),
    ].map((r) => r.id);
    await call(api.app, 'PUT', '/v1/sso/oidc', {
      token: a.tokens.owner,
      body: { issuer: 'https://alpha-idp.example.test', clientId: 'alpha-client', roleMapping: [{ group: 'alpha-admins', role: 'admin' }] },
    });
    await api.db.query(
      "INSERT INTO device_notices (tenant_id, notice_id, user_id, kind, message) VALUES ($1, gen_random_uuid(), 'alex.doe@example.test', 'justification_denied', 'alpha-notice')",
      [a.tenantId],
    );
    const [tenant] = await api.db.query<{ signing_public_key: string }>('SELECT signing_public_key FROM tenants WHERE tenant_id = $1', [
      a.tenantId,
    ]);
    const [admin] = await api.db.query<{ email: string }>('SELECT email FROM admins WHERE tenant_id = $1', [a.tenantId]);
    aSecrets = {
      ids: all,
      texts: [
        a.tenantId,
        tenant!.signing_public_key,
        admin!.email,
        'Alpha',
        'alpha-only-app',
        'alpha-codes',
        'alpha-group',
        'alpha-notice',
        'siem.alpha',
        ...all,
      ],
    };
    aSecrets.texts.push(aRolloutToken);
  });
  afterAll(async () => {
    await api?.close();
  });

  const snapshot = async (tenantId: string) => {
    const out: Record<string, unknown> = {};
    for (const t of TABLES) out[t] = await api.db.query(`SELECT * FROM ${t} WHERE tenant_id = $1 ORDER BY 2, 1`, [tenantId]);
    return JSON.stringify(out);
  };

  it("tenant B's credentials can read or change nothing of tenant A's, on any route", async () => {
    const before = await snapshot(a.tenantId);
    const bPrincipals = [...Role.options.map((r) => b.tokens[r]), bDevice.credential, b.enrollmentToken, bScim];
    let requests = 0;
    for (const key of Object.keys(ROUTES) as RouteKey[]) {
      const [method, path] = key.split(' ') as [string, string];
      const urls = path.includes(':id')
        ? aSecrets.ids.map((id) => path.replace(':id', id))
        : path.includes(':version')
          ? ['/v1/policies/1', '/v1/policies/2']
          : [path];
      for (const url of urls) {
        for (const token of bPrincipals) {
          const res = await call(api.app, method, url, {
            token,
            body: method === 'POST' || method === 'PUT' || method === 'PATCH' ? (BODIES[key] ?? {}) : undefined,
          });
          requests++;
          expect(res.statusCode, `${key} ${url}`).toBeLessThan(500);
          for (const s of aSecrets.texts) expect(res.body, `${key} ${url} leaks ${s}`).not.toContain(s);
          if (method === 'DELETE' && res.statusCode !== 403) expect(res.statusCode, `${key} ${url}`).toBe(404);
        }
      }
    }
    expect(requests).toBeGreaterThan(300);
    expect(await snapshot(a.tenantId)).toBe(before);
    // A's credentials all still work.
    expect((await call(api.app, 'GET', '/v1/tenant', { token: a.tokens.owner })).json()).toMatchObject({ id: a.tenantId, name: 'Alpha' });
    expect((await call(api.app, 'GET', '/v1/policy', { token: aDevice.credential })).statusCode).toBe(200);
    expect((await call(api.app, 'GET', '/v1/audit/verify', { token: a.tokens.auditor })).json()).toMatchObject({ ok: true });
    // ...and A's own reports do show what B's could not see (so the check above is not vacuous).
    expect((await call(api.app, 'GET', '/v1/reports/usage/apps', { token: a.tokens.analyst })).body).toContain('alpha-only-app');
    expect((await call(api.app, 'GET', '/v1/reports/usage/groups', { token: a.tokens.analyst })).body).toContain('alpha-group');
    expect((await call(api.app, 'GET', '/v1/reports/justifications', { token: a.tokens.reviewer })).body).toContain('Alpha justification');
    expect((await call(api.app, 'GET', '/v1/siem/destinations', { token: a.tokens.auditor })).body).toContain('siem.alpha');
    expect((await call(api.app, 'GET', '/v1/alerts', { token: a.tokens.analyst })).body).toContain('alpha-only-app');
  });

  it("a token re-addressed to another tenant (A's secret under B's tenant id) is refused", async () => {
    const forge = (tokenOfA: string, tokenOfB: string) => `${tokenOfB.slice(0, 26)}${tokenOfA.slice(26)}`;
    expect((await call(api.app, 'GET', '/v1/tenant', { token: forge(a.tokens.owner, b.tokens.owner) })).statusCode).toBe(401);
    expect((await call(api.app, 'GET', '/v1/policy', { token: forge(aDevice.credential, bDevice.credential) })).statusCode).toBe(401);
    expect(
      (await call(api.app, 'POST', '/v1/enroll', { token: forge(a.enrollmentToken, b.enrollmentToken), body: DEVICE_FACTS })).statusCode,
    ).toBe(401);
  });

  it("each tenant's device gets its own tenant's policy and lands in its own rollups", async () => {
    const pa = (await call(api.app, 'GET', '/v1/policy', { token: aDevice.credential })).json<{ tenantId: string }>();
    const pb = (await call(api.app, 'GET', '/v1/policy', { token: bDevice.credential })).json<{ tenantId: string }>();
    expect([pa.tenantId, pb.tenantId]).toEqual([a.tenantId, b.tenantId]);
    // The same client event id from two tenants' devices are two events.
    await call(api.app, 'POST', '/v1/events', { token: bDevice.credential, body: BODIES['POST /v1/events'] });
    const rows = await api.db.query<{ tenant_id: string }>(
      "SELECT tenant_id FROM events WHERE event_id = 'intruder-0001' ORDER BY tenant_id",
    );
    expect(rows.map((r) => r.tenant_id).sort()).toEqual([a.tenantId, b.tenantId].sort());
  });
});
