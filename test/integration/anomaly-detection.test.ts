import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientEvent } from '../../shared/contracts/events.ts';
import { defaultPolicy } from '../../shared/policy/schema.ts';
import { detectAnomalies } from '../../server/src/services/anomaly/detect.ts';
import { ingestEvents } from '../../server/src/services/ingest.ts';
import { call, DEVICE_FACTS, enroll, newTenant, startApi, type Api, type TestTenant } from './harness/api.ts';
import { STORES } from './harness/stores.ts';

/**
 * A seeded stream: 24 users in 3 groups working weekdays 08-17 UTC for 14 days (2025-02-26 ..
 * 2025-03-11), including a night owl and a heavy (but steady) sensitive-data user, then one
 * detection day (Wednesday 2025-03-12) with normal activity plus known injected anomalies.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.parse('2025-02-26T00:00:00Z');
const DETECT_DAY = Date.parse('2025-03-12T00:00:00Z');
const NOW = new Date('2025-03-13T00:30:00Z');

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'normal' | 'sensitive' | 'blocked' | 'upload';

interface Stream {
  /** events per user (email) */
  byUser: Map<string, ClientEvent[]>;
  /** ids (client ids) of injected events, per anomaly */
  injected: Map<string, string[]>;
}

function ev(user: string, seq: { n: number }, at: number, kind: Kind, app = 'chatgpt'): ClientEvent {
  const id = `${user.split('@')[0]}-${(seq.n++).toString().padStart(6, '0')}`;
  const base = { id, at: new Date(at).toISOString(), app, host: `${app}.example.test`, surface: 'browser' as const };
  switch (kind) {
    case 'normal':
      return { ...base, action: seq.n % 3 === 0 ? 'visit' : 'submit', decision: 'allow', dataTypes: [] };
    case 'sensitive':
      return {
        ...base,
        action: 'paste',
        decision: 'redact',
        dataTypes: [{ type: 'email', count: 1 }],
        valueHashes: ['ef'.repeat(32)],
        justification: 'raw words that must not leave',
      };
    case 'blocked':
      // A blocked app, tried again and again.
      return { ...base, action: 'visit', decision: 'block', dataTypes: [] };
    case 'upload':
      return { ...base, action: 'upload', decision: 'allow', dataTypes: [] };
  }
}

const USERS = Array.from({ length: 24 }, (_, i) => `u${String(i).padStart(2, '0')}@example.test`);
const GROUPS = ['sales', 'eng', 'finance'];
const NIGHT_OWL = USERS[20]!;
const HEAVY = USERS[21]!;
const NEWBIE = 'newbie@example.test';
const NEW_SPIKE = 'newspike@example.test';
const SPREADERS = USERS.slice(0, 8);
const SANCTIONED_SPREADERS = USERS.slice(8, 14);

function buildStream(): Stream {
  const r = rng(20250312);
  const byUser = new Map<string, ClientEvent[]>();
  const injected = new Map<string, string[]>();
  const seqs = new Map<string, { n: number }>();
  const add = (user: string, at: number, kind: Kind, app?: string, tag?: string) => {
    const seq = seqs.get(user) ?? seqs.set(user, { n: 0 }).get(user)!;
    const e = ev(user, seq, at, kind, app);
    (byUser.get(user) ?? byUser.set(user, []).get(user)!).push(e);
    if (tag) (injected.get(tag) ?? injected.set(tag, []).get(tag)!).push(e.id);
  };
  const workday = (user: string, day: number) => {
    if (user === NIGHT_OWL) {
      // Regularly busy at night: 30 events an hour 20-23 UTC (a per-user baseline, not an anomaly).
      for (let h = 20; h < 24; h++) for (let i = 0; i < 30; i++) add(user, day + h * HOUR + i * 60_000, 'normal');
      return;
    }
    for (let h = 8; h < 17; h++) {
      const at = (i: number) => day + h * HOUR + i * 37_000;
      let i = 0;
      const n = 2 + Math.floor(r() * 5);
      for (let k = 0; k < n; k++) add(user, at(i++), 'normal', r() < 0.2 ? 'gemini' : 'chatgpt');
      const sensitive = user === HEAVY ? 12 + Math.floor(r() * 3) : Math.floor(r() * 3);
      for (let k = 0; k < sensitive; k++) add(user, at(i++), 'sensitive');
      if (r() < 0.1) add(user, at(i++), 'blocked');
      const uploads = Math.floor(r() * 3);
      for (let k = 0; k < uploads; k++) add(user, at(i++), 'upload');
    }
  };
  for (let d = START; d <= DETECT_DAY; d += DAY) {
    const wd = new Date(d).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    for (const u of USERS) workday(u, d);
  }
  // Detection day: a new user with ordinary activity (judged by the group baseline: no alert)...
  workday(NEWBIE, DETECT_DAY);
  // ...and the injected anomalies.
  for (let i = 0; i < 40; i++) add(USERS[5]!, DETECT_DAY + 10 * HOUR + 30 * 60_000 + i * 1000, 'sensitive', 'chatgpt', 'sensitive_spike');
  for (let i = 0; i < 12; i++) add(USERS[7]!, DETECT_DAY + 14 * HOUR + 45 * 60_000 + i * 1000, 'blocked', 'chatgpt', 'repeated_blocks');
  for (let i = 0; i < 30; i++) add(USERS[9]!, DETECT_DAY + 11 * HOUR + 5 * 60_000 + i * 1000, 'upload', 'chatgpt', 'bulk_upload');
  for (let i = 0; i < 60; i++) add(USERS[11]!, DETECT_DAY + 2 * HOUR + i * 30_000, 'normal', 'chatgpt', 'off_hours_burst');
  for (let i = 0; i < 35; i++) add(NEW_SPIKE, DETECT_DAY + 15 * HOUR + i * 1000, 'sensitive', 'chatgpt', 'sensitive_spike_new');
  for (const [k, u] of SPREADERS.entries()) add(u, DETECT_DAY + (9 + k) * HOUR + 7 * 60_000, 'normal', 'deepseek', 'spread');
  for (const [k, u] of SANCTIONED_SPREADERS.entries()) add(u, DETECT_DAY + (9 + k) * HOUR + 9 * 60_000, 'normal', 'claude');
  return { byUser, injected };
}

describe.each(STORES)('anomaly detection on %s', (kind) => {
  let api: Api;
  let t: TestTenant;
  const stream = buildStream();
  const deviceOf = new Map<string, string>();
  const userIds = [...stream.byUser.keys()];

  beforeAll(async () => {
    api = await startApi(kind);
    t = await newTenant(api);
    // The tenant sanctions claude: its spread is not an anomaly.
    const policy = defaultPolicy();
    policy.apps.rules = [{ apps: ['claude'], action: 'sanctioned' }];
    expect((await call(api.app, 'POST', '/v1/policies', { token: t.tokens.owner, body: { policy } })).statusCode).toBe(201);
    // A SIEM destination, so alerts are put in the outbox (the worker is not running here).
    expect(
      (
        await call(api.app, 'POST', '/v1/siem/destinations', {
          token: t.tokens.owner,
          body: { kind: 'syslog', name: 'SOC', config: { host: '127.0.0.1', port: 6514 } },
        })
      ).statusCode,
    ).toBe(201);
    for (const [i, u] of [...userIds, NEWBIE].entries()) {
      if (deviceOf.has(u)) continue;
      const d = await enroll(api, t.enrollmentToken, { ...DEVICE_FACTS, hostname: `host-${i}`, user: { id: u, source: 'mdm' } });
      deviceOf.set(u, d.deviceId);
    }
    await api.db.query(
      `INSERT INTO directory_users (tenant_id, user_id, groups)
       SELECT $1, u, ARRAY[g] FROM unnest($2::text[], $3::text[]) AS x(u, g)`,
      [t.tenantId, [...USERS, NEWBIE, NEW_SPIKE], [...USERS.map((_, i) => GROUPS[i % 3]!), 'eng', 'sales']],
    );
    // Through the real ingest statement (rollups included), 500 events per batch.
    for (const [u, events] of stream.byUser) {
      for (let i = 0; i < events.length; i += 500) await ingestEvents(api.db, t.tenantId, deviceOf.get(u)!, u, events.slice(i, i + 500));
    }
  });
  afterAll(async () => {
    await api?.close();
  });

  it('finds every injected anomaly and nothing in the normal stream, with evidence but no values', async () => {
    const run = await detectAnomalies(api.db, t.tenantId, { now: NOW });
    expect(run).toMatchObject({ from: '2025-03-12T00:00:00.000Z', until: '2025-03-13T00:00:00.000Z' });
    const res = await call(api.app, 'GET', '/v1/alerts?limit=500', { token: t.tokens.analyst });
    expect(res.statusCode).toBe(200);
    const alerts = res.json<{
      alerts: { kind: string; subject: string; windowStart: string; severity: string; evidence: Record<string, unknown> }[];
    }>().alerts;
    const got = alerts.map((a) => `${a.kind} ${a.subject} ${a.windowStart}`).sort();
    expect(got).toEqual(
      [
        `bulk_upload ${USERS[9]} 2025-03-12T11:00:00.000Z`,
        `off_hours_burst ${USERS[11]} 2025-03-12T02:00:00.000Z`,
        `repeated_blocks ${USERS[7]} 2025-03-12T14:00:00.000Z`,
        `sensitive_spike ${NEW_SPIKE} 2025-03-12T15:00:00.000Z`,
        `sensitive_spike ${USERS[5]} 2025-03-12T10:00:00.000Z`,
        'unsanctioned_app_spread deepseek 2025-03-12T00:00:00.000Z',
      ].sort(),
    );
    expect(run.alerts).toBe(6);

    const find = (k: string, s: string) => alerts.find((a) => a.kind === k && a.subject === s)!;
    const idsOf = (tag: string, user: string) => stream.injected.get(tag)!.map((id) => `${deviceOf.get(user)}:${id}`);
    /** Example ids must name stored events of that user, inside the window, of the kind the alert is about. */
    const checkExamples = async (ids: string[], user: string, start: string, what: 'sensitive' | 'blocked' | 'upload' | 'any') => {
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) {
        const [deviceId, eventId] = id.split(':');
        const [e] = await api.db.query<{ user_id: string; at: Date; decision: string; action: string; n: number }>(
          'SELECT user_id, at, decision, action, jsonb_array_length(data_types) AS n FROM events WHERE tenant_id = $1 AND device_id = $2 AND event_id = $3',
          [t.tenantId, deviceId, eventId],
        );
        expect(e, id).toBeDefined();
        expect(e!.user_id).toBe(user);
        expect(new Date(e!.at).getTime() - Date.parse(start)).toBeGreaterThanOrEqual(0);
        expect(new Date(e!.at).getTime() - Date.parse(start)).toBeLessThan(HOUR);
        if (what === 'sensitive') expect(e!.n).toBeGreaterThan(0);
        if (what === 'blocked') expect(e!.decision).toBe('block');
        if (what === 'upload') expect(e!.action).toBe('upload');
      }
    };
    const spike = find('sensitive_spike', USERS[5]!).evidence as {
      observed: number;
      threshold: number;
      baseline: { basis: string; perActiveHour: number; activeHours: number; days: number };
      window: { start: string; end: string };
      exampleEventIds: string[];
    };
    /** What the stream holds for a user in an hour (injected plus ordinary events). */
    const count = (user: string, start: string, pred: (e: ClientEvent) => boolean) =>
      stream.byUser
        .get(user)!
        .filter((e) => Date.parse(e.at) >= Date.parse(start) && Date.parse(e.at) < Date.parse(start) + HOUR && pred(e)).length;
    const sensitive = (e: ClientEvent) => e.dataTypes.length > 0;
    expect(count(USERS[5]!, '2025-03-12T10:00:00.000Z', sensitive)).toBeGreaterThanOrEqual(40);
    expect(spike).toMatchObject({
      observed: count(USERS[5]!, '2025-03-12T10:00:00.000Z', sensitive),
      baseline: { basis: 'user', days: 14 },
      window: { start: '2025-03-12T10:00:00.000Z', end: '2025-03-12T11:00:00.000Z' },
    });
    expect(spike.baseline.activeHours).toBeGreaterThan(50);
    expect(spike.baseline.perActiveHour).toBeLessThan(2);
    await checkExamples(spike.exampleEventIds, USERS[5]!, '2025-03-12T10:00:00.000Z', 'sensitive');
    // A new user is judged against the users of their groups.
    expect(find('sensitive_spike', NEW_SPIKE).evidence).toMatchObject({ observed: 35, baseline: { basis: 'group' } });
    expect(find('repeated_blocks', USERS[7]!).evidence).toMatchObject({
      observed: count(USERS[7]!, '2025-03-12T14:00:00.000Z', (e) => e.decision === 'block'),
    });
    await checkExamples(
      find('repeated_blocks', USERS[7]!).evidence.exampleEventIds as string[],
      USERS[7]!,
      '2025-03-12T14:00:00.000Z',
      'any',
    );
    await checkExamples(find('bulk_upload', USERS[9]!).evidence.exampleEventIds as string[], USERS[9]!, '2025-03-12T11:00:00.000Z', 'any');
    await checkExamples(
      find('off_hours_burst', USERS[11]!).evidence.exampleEventIds as string[],
      USERS[11]!,
      '2025-03-12T02:00:00.000Z',
      'any',
    );
    expect(find('bulk_upload', USERS[9]!).evidence).toMatchObject({
      observed: count(USERS[9]!, '2025-03-12T11:00:00.000Z', (e) => e.action === 'upload'),
    });
    expect(find('off_hours_burst', USERS[11]!).evidence).toMatchObject({ observed: 60, baseline: { basis: 'user' } });
    const spread = find('unsanctioned_app_spread', 'deepseek').evidence as {
      observed: number;
      exampleEventIds: string[];
      appStatus: string;
    };
    expect(spread).toMatchObject({ observed: 8, appStatus: 'monitored' });
    const spreadIds = SPREADERS.flatMap((u) => idsOf('spread', u));
    for (const id of spread.exampleEventIds) expect(spreadIds).toContain(id);
    // Evidence is counts and ids: never what users typed or value hashes.
    const body = res.body;
    expect(body).not.toContain('raw words');
    expect(body).not.toContain('ef'.repeat(32));

    // Alerts go to the SIEM outbox and appear in the reports.
    const outbox = await api.db.query<{ n: number }>("SELECT count(*)::int AS n FROM siem_outbox WHERE tenant_id = $1 AND kind = 'alert'", [
      t.tenantId,
    ]);
    expect(outbox[0]!.n).toBe(6);
    const report = (await call(api.app, 'GET', '/v1/reports/alerts?from=2025-03-01&to=2025-03-31', { token: t.tokens.admin })).json<{
      rows: { day: string; kind: string; alerts: number }[];
    }>();
    expect(report.rows.reduce((n, r) => n + r.alerts, 0)).toBe(6);
    expect(report.rows.every((r) => r.day === '2025-03-12')).toBe(true);
    const csv = await call(api.app, 'GET', '/v1/reports/alerts?from=2025-03-01&to=2025-03-31&format=csv', { token: t.tokens.admin });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe('day,kind,alerts,high');
  });

  it('is incremental and idempotent: a rerun or a run with no new hours adds nothing', async () => {
    const again = await detectAnomalies(api.db, t.tenantId, { now: NOW });
    expect(again.alerts).toBe(0);
    const later = await detectAnomalies(api.db, t.tenantId, { now: new Date(NOW.getTime() + 2 * HOUR) });
    expect(later).toMatchObject({ from: '2025-03-13T00:00:00.000Z', until: '2025-03-13T02:00:00.000Z', alerts: 0, candidates: 0 });
    // Even forgetting the watermark, the stored alerts are not duplicated.
    await api.db.query('DELETE FROM anomaly_state WHERE tenant_id = $1', [t.tenantId]);
    const replay = await detectAnomalies(api.db, t.tenantId, { now: NOW });
    expect(replay.alerts).toBe(0);
    const all = (await call(api.app, 'GET', '/v1/alerts?limit=500', { token: t.tokens.analyst })).json<{ alerts: unknown[] }>();
    expect(all.alerts).toHaveLength(6);
    // Paging and filters.
    const p1 = (await call(api.app, 'GET', '/v1/alerts?limit=4', { token: t.tokens.admin })).json<{
      alerts: { id: string }[];
      next: string;
    }>();
    const p2 = (await call(api.app, 'GET', `/v1/alerts?limit=4&after=${p1.next}`, { token: t.tokens.admin })).json<{
      alerts: { id: string }[];
      next: null;
    }>();
    expect([...p1.alerts, ...p2.alerts].map((a) => a.id).sort()).toEqual((all.alerts as { id: string }[]).map((a) => a.id).sort());
    expect(p2.next).toBeNull();
    const only = (await call(api.app, 'GET', '/v1/alerts?kind=bulk_upload', { token: t.tokens.admin })).json<{ alerts: unknown[] }>();
    expect(only.alerts).toHaveLength(1);
    expect((await call(api.app, 'GET', '/v1/alerts?after=bogus', { token: t.tokens.admin })).statusCode).toBe(400);
    expect((await call(api.app, 'GET', '/v1/alerts', { token: t.tokens.reviewer })).statusCode).toBe(403);
  });
});
