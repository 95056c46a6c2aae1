import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientEvent } from '../../shared/contracts/events.ts';
import {
  AppUsageReport,
  DataEventsReport,
  DayUsageReport,
  GroupUsageReport,
  JustificationPage,
  UserUsageReport,
} from '../../shared/contracts/reports.ts';
import { defaultPolicy } from '../../shared/policy/schema.ts';
import { call, DEVICE_FACTS, enroll, newTenant, startApi, type Api, type TestTenant } from './harness/api.ts';
import { STORES } from './harness/stores.ts';

let seq = 0;
const ev = (over: Partial<ClientEvent>): ClientEvent => ({
  id: `rep_${(++seq).toString().padStart(8, '0')}`,
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

describe.each(STORES)('reports on %s', (kind) => {
  let api: Api;
  let t: TestTenant;
  const get = (url: string, token = t.tokens.analyst) => call(api.app, 'GET', url, { token });

  beforeAll(async () => {
    api = await startApi(kind);
    t = await newTenant(api);
    // ChatGPT sanctioned, Claude blocked, everything else monitored (the default).
    const policy = {
      ...defaultPolicy(),
      apps: {
        defaultAction: 'monitored',
        rules: [
          { apps: ['chatgpt'], action: 'sanctioned' },
          { apps: ['claude'], action: 'block' },
        ],
      },
    };
    expect((await call(api.app, 'POST', '/v1/policies', { token: t.tokens.admin, body: { policy } })).statusCode).toBe(201);
    const dev = async (user: string) =>
      (await enroll(api, t.enrollmentToken, { ...DEVICE_FACTS, user: { id: user, source: 'mdm' } })).credential;
    const [ana, ben, cy] = [await dev('ana@example.test'), await dev('ben@example.test'), await dev('cy@example.test')];
    const send = async (cred: string, events: ClientEvent[]) => {
      const res = await call(api.app, 'POST', '/v1/events', { token: cred, body: { events } });
      expect(res.statusCode, res.body).toBe(200);
    };
    const anaBatch = [
      ev({ action: 'visit', decision: 'sanctioned' }),
      ev({ decision: 'warn', dataTypes: [{ type: 'email', count: 3 }], justification: 'customer asked', at: '2025-03-04T11:00:00Z' }),
      ev({ decision: 'block', dataTypes: [{ type: 'aws_access_key', count: 1 }], at: '2025-03-05T09:00:00Z' }),
      ev({ app: 'claude', host: 'claude.ai', action: 'visit', decision: 'block', at: '2025-03-05T09:30:00Z' }),
    ];
    await send(ana, anaBatch);
    await send(ana, anaBatch); // a retry counts nothing twice
    await send(ben, [
      ev({
        app: 'perplexity',
        host: 'www.perplexity.ai',
        decision: 'justify',
        dataTypes: [{ type: 'email', count: 1 }],
        justification: '=HYPERLINK("http://x")',
        at: '2025-03-06T08:00:00Z',
      }),
      ev({ app: 'perplexity', host: 'www.perplexity.ai', action: 'visit', decision: 'monitored', at: '2025-03-06T08:00:00Z' }),
      ev({ decision: 'allow', at: '2025-03-06T08:01:00Z' }),
    ]);
    await send(cy, [
      ev({ app: 'some-unknown-ai', host: 'ai.example.test', action: 'visit', decision: 'monitored', at: '2025-03-02T23:30:00Z' }),
      ev({
        decision: 'justify',
        dataTypes: [{ type: 'credit_card', count: 2 }],
        justification: 'refund, "urgent"',
        at: '2025-03-07T23:30:00Z',
      }),
      // Outside the range.
      ev({ decision: 'allow', at: '2025-02-20T10:00:00Z' }),
    ]);
    // The directory as SCIM will fill it.
    await api.db.query(
      `INSERT INTO directory_users (tenant_id, user_id, display_name, department, groups) VALUES
         ($1, 'ana@example.test', 'Ana A.', 'Finance', '{finance,managers}'),
         ($1, 'ben@example.test', 'Ben B.', 'Engineering', '{engineering}')`,
      [t.tenantId],
    );
  });
  afterAll(async () => {
    await api?.close();
  });

  it('usage by app: events per decision, visits, sanctioned status from the policy and catalog, totals', async () => {
    const res = await get(`/v1/reports/usage/apps?${RANGE}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = AppUsageReport.parse(res.json());
    expect(r).toMatchObject({ from: '2025-03-01', to: '2025-03-07', tz: 'UTC' });
    expect(r.totals).toEqual({ events: 9, sanctioned: 5, unsanctioned: 4, apps: 4 });
    expect(r.rows.map((x) => [x.app, x.events, x.status, x.sanctioned])).toEqual([
      ['chatgpt', 5, 'sanctioned', true],
      ['perplexity', 2, 'monitored', false],
      ['claude', 1, 'block', false],
      ['some-unknown-ai', 1, 'monitored', false],
    ]);
    const chatgpt = r.rows[0]!;
    expect(chatgpt).toMatchObject({ name: 'ChatGPT', category: 'chat', visits: 1 });
    expect(chatgpt.decisions).toEqual({ allow: 1, warn: 1, justify: 1, redact: 0, block: 1, sanctioned: 1, monitored: 0 });
    expect(r.rows[3]).toMatchObject({ name: null, category: null });

    const unsanctioned = AppUsageReport.parse((await get(`/v1/reports/usage/apps?${RANGE}&sanctioned=false&limit=2`)).json());
    expect(unsanctioned.rows.map((x) => x.app)).toEqual(['perplexity', 'claude']);
    expect(unsanctioned.totals.events).toBe(9);
    const top = AppUsageReport.parse((await get(`/v1/reports/top-apps?${RANGE}&limit=1`)).json());
    expect(top.rows.map((x) => x.app)).toEqual(['chatgpt']);
  });

  it('usage by user and top users, joined to the directory', async () => {
    const r = UserUsageReport.parse((await get(`/v1/reports/usage/users?${RANGE}`)).json());
    expect(r.rows.map((u) => [u.userId, u.displayName, u.department, u.events, u.sensitive])).toEqual([
      ['ana@example.test', 'Ana A.', 'Finance', 4, 2],
      ['ben@example.test', 'Ben B.', 'Engineering', 3, 1],
      ['cy@example.test', null, null, 2, 1],
    ]);
    expect(r.rows[0]!.decisions).toMatchObject({ sanctioned: 1, warn: 1, block: 2 });
    const top = UserUsageReport.parse((await get(`/v1/reports/top-users?${RANGE}&limit=2`)).json());
    expect(top.rows.map((u) => u.userId)).toEqual(['ana@example.test', 'ben@example.test']);
  });

  it('usage by group: a user counts in each of their groups, users in none under null', async () => {
    const r = GroupUsageReport.parse((await get(`/v1/reports/usage/groups?${RANGE}`)).json());
    const byGroup = Object.fromEntries(r.rows.map((g) => [String(g.group), [g.users, g.events, g.sensitive]]));
    expect(byGroup).toEqual({ finance: [1, 4, 2], managers: [1, 4, 2], engineering: [1, 3, 1], null: [1, 2, 1] });
  });

  it('usage by day: every day of the range, split sanctioned / unsanctioned (UTC days)', async () => {
    const r = DayUsageReport.parse((await get(`/v1/reports/usage/days?${RANGE}`)).json());
    expect(r.rows.map((d) => [d.day, d.events, d.sanctioned, d.unsanctioned, d.sensitive])).toEqual([
      ['2025-03-01', 0, 0, 0, 0],
      ['2025-03-02', 1, 0, 1, 0],
      ['2025-03-03', 0, 0, 0, 0],
      ['2025-03-04', 2, 2, 0, 1],
      ['2025-03-05', 2, 1, 1, 1],
      ['2025-03-06', 3, 1, 2, 1],
      ['2025-03-07', 1, 1, 0, 1],
    ]);
  });

  it('sensitive-data events by type and decision', async () => {
    const r = DataEventsReport.parse((await get(`/v1/reports/data?${RANGE}`)).json());
    expect(r.rows).toEqual(
      [
        { type: 'email', decision: 'justify', events: 1, matches: 1 },
        { type: 'email', decision: 'warn', events: 1, matches: 3 },
        { type: 'aws_access_key', decision: 'block', events: 1, matches: 1 },
        { type: 'credit_card', decision: 'justify', events: 1, matches: 2 },
      ].sort((a, b) => b.events - a.events || a.type.localeCompare(b.type) || a.decision.localeCompare(b.decision)),
    );
  });

  it('lists justifications newest first, paged, within the day bounds of the time zone; reviewers may read them', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res = await get(`/v1/reports/justifications?${RANGE}&limit=1${after ? `&after=${after}` : ''}`, t.tokens.reviewer);
      expect(res.statusCode, res.body).toBe(200);
      const p = JustificationPage.parse(res.json());
      seen.push(...p.rows.map((x) => x.justification));
      after = p.next;
      pages++;
    } while (after && pages < 10);
    expect(seen).toEqual(['refund, "urgent"', '=HYPERLINK("http://x")', 'customer asked']);
    // In Tokyo (UTC+9), 2025-03-07T23:30Z is already 03-08: outside a range ending 03-07.
    const tokyo = JustificationPage.parse((await get(`/v1/reports/justifications?${RANGE}&tz=Asia/Tokyo`)).json());
    expect(tokyo.rows.map((x) => x.justification)).toEqual(['=HYPERLINK("http://x")', 'customer asked']);
    expect(tokyo.rows[0]).toMatchObject({ userId: 'ben@example.test', app: 'perplexity', dataTypes: [{ type: 'email', count: 1 }] });
    expect((await get(`/v1/reports/usage/apps?${RANGE}`, t.tokens.reviewer)).statusCode).toBe(403);
  });

  it('exports every report as CSV, quoted per RFC 4180 and safe from formula injection', async () => {
    const res = await get(`/v1/reports/justifications?${RANGE}&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="daylight-justifications-2025-03-01-2025-03-07.csv"');
    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe('at,user,app,host,action,decision,data_types,justification,device,event');
    expect(res.body).toContain(`"refund, ""urgent"""`);
    expect(res.body).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(res.body).not.toMatch(/(^|,)=HYPERLINK/m);
    const apps = await get(`/v1/reports/usage/apps?${RANGE}&format=csv`);
    expect(apps.body.split('\r\n').slice(0, 2)).toEqual([
      'app,name,category,status,sanctioned,events,visits,allow,warn,justify,redact,block,sanctioned,monitored',
      'chatgpt,ChatGPT,chat,sanctioned,true,5,1,1,1,1,0,1,1,0',
    ]);
    for (const r of ['usage/users', 'usage/groups', 'usage/days', 'data', 'top-users', 'top-apps']) {
      const x = await get(`/v1/reports/${r}?${RANGE}&format=csv`);
      expect(x.statusCode, r).toBe(200);
      expect(x.headers['content-type'], r).toMatch(/^text\/csv/);
      expect(x.body.endsWith('\r\n'), r).toBe(true);
      expect(x.body.split('\r\n').length, r).toBeGreaterThan(2);
    }
  });

  it('validates the query: dates, range, time zone, limit, cursor', async () => {
    for (const q of [
      'from=2025-02-30',
      'from=25-03-01',
      'from=2025-03-07&to=2025-03-01',
      'from=2024-01-01&to=2025-03-01',
      'tz=Mars/Olympus',
      'tz=../../etc',
      'limit=0',
      'limit=100000',
      'format=xml',
      'after=!!',
      'after=AAAA',
      'bogus=1',
    ]) {
      const url = q.startsWith('after') ? `/v1/reports/justifications?${q}` : `/v1/reports/usage/apps?${q}`;
      const res = await get(url);
      expect(res.statusCode, `${q}: ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe('bad_request');
    }
    // Defaults: the 30 days up to today.
    const d = DayUsageReport.parse((await get('/v1/reports/usage/days')).json());
    expect(d.rows).toHaveLength(30);
    expect(d.to).toBe(new Date().toISOString().slice(0, 10));
  });

  it('reads only the rollups: the usage and data reports work without the events table', async () => {
    await api.db.query('ALTER TABLE events RENAME TO events_hidden');
    try {
      for (const r of ['usage/apps', 'usage/users', 'usage/groups', 'usage/days', 'data', 'top-users', 'top-apps']) {
        expect((await get(`/v1/reports/${r}?${RANGE}`)).statusCode, r).toBe(200);
      }
    } finally {
      await api.db.query('ALTER TABLE events_hidden RENAME TO events');
    }
  });
});
