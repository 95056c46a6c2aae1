import type { AiApp } from '../../../shared/catalog/schema.ts';
import type { AppAction, PolicyDocument } from '../../../shared/policy/schema.ts';
import { decideApp } from '../../../shared/policy/evaluate.ts';
import { effectiveCatalog } from '../../../shared/policy/catalog.ts';
import { DECISIONS, MAX_REPORT_DAYS, type AppUsageRow, type DecisionCounts, type UserUsageRow } from '../../../shared/contracts/reports.ts';
import type { Db } from '../db/db.ts';
import { ApiError } from '../errors.ts';
import { currentPolicy } from './policy.ts';

/**
 * Reports read only the rollups maintained on ingest (`usage_daily`, `app_daily`, `user_daily`,
 * `data_daily`) and the justification index, never the raw events table, so their cost grows with
 * days x apps (or users) in the range, not with the number of events. Rollup days are UTC days.
 */

const DAY_MS = 86_400_000;

export interface Range {
  from: string;
  to: string;
  tz: string;
}

/** Today in `tz` as YYYY-MM-DD. */
export function today(tz: string, now = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The range a query asks for, with defaults: the 30 days up to today in `tz`. */
export function resolveRange(q: { from?: string; to?: string; tz: string }, now = new Date()): Range {
  const to = q.to ?? (q.from ? minDay(addDays(q.from, 29), today(q.tz, now)) : today(q.tz, now));
  const from = q.from ?? addDays(to, -29);
  const span = (Date.parse(to) - Date.parse(from)) / DAY_MS;
  if (span < 0) throw new ApiError(400, 'bad_request', 'Invalid querystring: from: must not be after to');
  if (span >= MAX_REPORT_DAYS)
    throw new ApiError(400, 'bad_request', `Invalid querystring: a range covers at most ${MAX_REPORT_DAYS} days`);
  return { from, to, tz: q.tz };
}

const minDay = (a: string, b: string) => (a < b ? a : b);

export const zeroDecisions = (): DecisionCounts => ({ allow: 0, warn: 0, justify: 0, redact: 0, block: 0, sanctioned: 0, monitored: 0 });

function addDecision(d: DecisionCounts, decision: string, n: number): void {
  if ((DECISIONS as string[]).includes(decision)) d[decision as keyof DecisionCounts] += n;
}

/** What the tenant's current policy makes of each app: parsed once per (tenant, version). */
interface AppJudge {
  status(appId: string): AppAction;
  app(appId: string): AiApp | undefined;
}

const judges = new Map<string, AppJudge>();
const MAX_JUDGES = 1000;

export async function judgeFor(db: Db, tenantId: string): Promise<AppJudge> {
  const p = await currentPolicy(db, tenantId);
  const key = `${tenantId}:${p?.version ?? 0}`;
  const hit = judges.get(key);
  if (hit) return hit;
  // The stored envelope holds the document as published (validated, defaults applied).
  const policy = p ? (JSON.parse(p.envelope) as { policy: PolicyDocument }).policy : null;
  const apps = new Map((policy ? effectiveCatalog(policy) : []).map((a) => [a.id, a]));
  const statuses = new Map<string, AppAction>();
  const judge: AppJudge = {
    app: (id) => apps.get(id),
    status(id) {
      let s = statuses.get(id);
      if (!s) {
        // A user in no group with an unknown account type: group- and account-scoped rules do not apply.
        s = policy ? decideApp(policy, { appId: id, category: apps.get(id)?.category }).action : 'monitored';
        statuses.set(id, s);
      }
      return s;
    },
  };
  if (judges.size >= MAX_JUDGES) judges.delete(judges.keys().next().value!);
  judges.set(key, judge);
  return judge;
}

/** Usage by app: events per decision, visits, and the app's status under the current policy. */
export async function usageByApp(
  db: Db,
  tenantId: string,
  r: Range,
  opts: { limit: number; sanctioned?: boolean },
): Promise<{ totals: { events: number; sanctioned: number; unsanctioned: number; apps: number }; rows: AppUsageRow[] }> {
  const [judge, rows] = await Promise.all([
    judgeFor(db, tenantId),
    db.query<{ app: string; decision: string; events: number; visits: number }>(
      `SELECT app, decision, sum(events)::float8 AS events, coalesce(sum(events) FILTER (WHERE action = 'visit'), 0)::float8 AS visits
         FROM app_daily WHERE tenant_id = $1 AND day BETWEEN $2::date AND $3::date GROUP BY app, decision`,
      [tenantId, r.from, r.to],
    ),
  ]);
  const byApp = new Map<string, AppUsageRow>();
  for (const x of rows) {
    let row = byApp.get(x.app);
    if (!row) {
      const app = judge.app(x.app);
      const status = judge.status(x.app);
      row = {
        app: x.app,
        name: app?.name ?? null,
        category: app?.category ?? null,
        status,
        sanctioned: status === 'sanctioned',
        events: 0,
        visits: 0,
        decisions: zeroDecisions(),
      };
      byApp.set(x.app, row);
    }
    row.events += x.events;
    row.visits += x.visits;
    addDecision(row.decisions, x.decision, x.events);
  }
  const all = [...byApp.values()];
  const totals = {
    events: all.reduce((n, a) => n + a.events, 0),
    sanctioned: all.filter((a) => a.sanctioned).reduce((n, a) => n + a.events, 0),
    unsanctioned: all.filter((a) => !a.sanctioned).reduce((n, a) => n + a.events, 0),
    apps: all.length,
  };
  const picked = opts.sanctioned === undefined ? all : all.filter((a) => a.sanctioned === opts.sanctioned);
  picked.sort((a, b) => b.events - a.events || a.app.localeCompare(b.app));
  return { totals, rows: picked.slice(0, opts.limit) };
}

type UserSql = {
  user_id: string;
  display_name: string | null;
  department: string | null;
  events: number;
  sensitive: number;
  decisions: Record<string, number>;
};

const toUserRow = (u: UserSql): UserUsageRow => {
  const decisions = zeroDecisions();
  for (const [k, v] of Object.entries(u.decisions)) addDecision(decisions, k, Number(v));
  return {
    userId: u.user_id === '' ? null : u.user_id,
    displayName: u.display_name,
    department: u.department,
    events: u.events,
    sensitive: u.sensitive,
    decisions,
  };
};

/** Usage by user, largest first by `rank` (events, or events with sensitive data for top users). */
export async function usageByUser(
  db: Db,
  tenantId: string,
  r: Range,
  opts: { limit: number; rank: 'events' | 'sensitive' },
): Promise<UserUsageRow[]> {
  const order = opts.rank === 'sensitive' ? 'sensitive DESC, events DESC, user_id' : 'events DESC, user_id';
  const rows = await db.query<UserSql>(
    `WITH per AS (
       SELECT user_id, decision, sum(events) AS e, sum(sensitive) AS s
         FROM user_daily WHERE tenant_id = $1 AND day BETWEEN $2::date AND $3::date GROUP BY user_id, decision
     ), top AS (
       SELECT user_id, sum(e)::float8 AS events, sum(s)::float8 AS sensitive, jsonb_object_agg(decision, e) AS decisions
         FROM per GROUP BY user_id ORDER BY ${order} LIMIT $4
     )
     SELECT top.*, d.display_name, d.department
       FROM top LEFT JOIN directory_users d ON d.tenant_id = $1 AND d.user_id = top.user_id
      ORDER BY ${order}`,
    [tenantId, r.from, r.to, opts.limit],
  );
  return rows.map(toUserRow);
}

/** Usage by directory group (a user in several groups counts in each; `null`: in no group). */
export async function usageByGroup(db: Db, tenantId: string, r: Range, opts: { limit: number }) {
  const rows = await db.query<{ grp: string | null; users: number; events: number; sensitive: number; decisions: Record<string, number> }>(
    `WITH per AS (
       SELECT user_id, decision, sum(events) AS e, sum(sensitive) AS s
         FROM user_daily WHERE tenant_id = $1 AND day BETWEEN $2::date AND $3::date GROUP BY user_id, decision
     ), g AS (
       SELECT grp, per.* FROM per
         LEFT JOIN directory_users d ON d.tenant_id = $1 AND d.user_id = per.user_id
        CROSS JOIN LATERAL unnest(CASE WHEN coalesce(cardinality(d.groups), 0) = 0 THEN ARRAY[NULL::text] ELSE d.groups END) AS grp
     ), dec AS (
       SELECT grp, decision, sum(e) AS e, sum(s) AS s FROM g GROUP BY grp, decision
     ), users AS (
       SELECT grp, count(DISTINCT user_id)::int AS users FROM g GROUP BY grp
     )
     SELECT dec.grp, users.users, sum(dec.e)::float8 AS events, sum(dec.s)::float8 AS sensitive, jsonb_object_agg(dec.decision, dec.e) AS decisions
       FROM dec JOIN users ON users.grp IS NOT DISTINCT FROM dec.grp
      GROUP BY dec.grp, users.users ORDER BY events DESC, dec.grp NULLS LAST LIMIT $4`,
    [tenantId, r.from, r.to, opts.limit],
  );
  return rows.map((g) => {
    const decisions = zeroDecisions();
    for (const [k, v] of Object.entries(g.decisions)) addDecision(decisions, k, Number(v));
    return { group: g.grp, users: g.users, events: g.events, sensitive: g.sensitive, decisions };
  });
}

/** Usage per day (every day of the range, zeros included), split by the apps' sanctioned status. */
export async function usageByDay(db: Db, tenantId: string, r: Range) {
  const [judge, apps, sensitive] = await Promise.all([
    judgeFor(db, tenantId),
    db.query<{ day: string; app: string; decision: string; events: number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, app, decision, sum(events)::float8 AS events
         FROM app_daily WHERE tenant_id = $1 AND day BETWEEN $2::date AND $3::date GROUP BY day, app, decision`,
      [tenantId, r.from, r.to],
    ),
    db.query<{ day: string; sensitive: number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(sensitive)::float8 AS sensitive
         FROM user_daily WHERE tenant_id = $1 AND day BETWEEN $2::date AND $3::date GROUP BY day`,
      [tenantId, r.from, r.to],
    ),
  ]);
  const days = new Map<
    string,
    { day: string; events: number; sanctioned: number; unsanctioned: number; sensitive: number; decisions: DecisionCounts }
  >();
  for (let d = r.from; d <= r.to; d = addDays(d, 1)) {
    days.set(d, { day: d, events: 0, sanctioned: 0, unsanctioned: 0, sensitive: 0, decisions: zeroDecisions() });
  }
  for (const x of apps) {
    const row = days.get(x.day);
    if (!row) continue;
    row.events += x.events;
    if (judge.status(x.app) === 'sanctioned') row.sanctioned += x.events;
    else row.unsanctioned += x.events;
    addDecision(row.decisions, x.decision, x.events);
  }
  for (const s of sensitive) {
    const row = days.get(s.day);
    if (row) row.sensitive = s.sensitive;
  }
  return [...days.values()];
}

/** Sensitive-data events by finding type and decision. */
export async function dataEvents(db: Db, tenantId: string, r: Range, opts: { limit: number }) {
  return db.query<{ type: string; decision: string; events: number; matches: number }>(
    `SELECT data_type AS type, decision, sum(events)::float8 AS events, sum(matches)::float8 AS matches
       FROM data_daily WHERE tenant_id = $1 AND day BETWEEN $2::date AND $3::date
      GROUP BY data_type, decision ORDER BY events DESC, type, decision LIMIT $4`,
    [tenantId, r.from, r.to, opts.limit],
  );
}

/** Cursor of the justifications list: the last row's (at, device, event id). */
export interface Cursor {
  at: string;
  deviceId: string;
  eventId: string;
}

export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.at, c.deviceId, c.eventId])).toString('base64url');

export function decodeCursor(s: string): Cursor {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v.length === 3 &&
      typeof v[0] === 'string' &&
      /^2\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(v[0]) &&
      typeof v[1] === 'string' &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v[1]) &&
      typeof v[2] === 'string' &&
      /^[A-Za-z0-9_-]{8,64}$/.test(v[2])
    ) {
      return { at: v[0], deviceId: v[1], eventId: v[2] };
    }
  } catch {
    // fall through
  }
  throw new ApiError(400, 'bad_request', 'Invalid querystring: after: not a cursor from a previous page');
}

/**
 * Justifications users typed, newest first, between local midnight of `from` and of the day after
 * `to` in `tz`. Read through the partial index `events_justified`, a page at a time.
 */
export async function justifications(db: Db, tenantId: string, r: Range, opts: { limit: number; after?: string }) {
  const c = opts.after ? decodeCursor(opts.after) : null;
  const rows = await db.query<{
    at_text: string;
    device_id: string;
    event_id: string;
    user_id: string | null;
    app: string;
    host: string;
    action: string;
    decision: string;
    data_types: { type: string; count: number }[];
    justification: string;
  }>(
    `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_text, device_id, event_id, user_id, app, host,
            action, decision, data_types, justification
       FROM events
      WHERE tenant_id = $1 AND justification IS NOT NULL
        AND at >= ($2::date::timestamp AT TIME ZONE $4) AND at < (($3::date + 1)::timestamp AT TIME ZONE $4)
        AND ($5::timestamptz IS NULL OR (at, device_id, event_id) < ($5::timestamptz, $6::uuid, $7::text))
      ORDER BY at DESC, device_id DESC, event_id DESC
      LIMIT $8`,
    [tenantId, r.from, r.to, r.tz, c?.at ?? null, c?.deviceId ?? null, c?.eventId ?? null, opts.limit + 1],
  );
  const page = rows.slice(0, opts.limit);
  const last = page.at(-1);
  return {
    rows: page.map((x) => ({
      at: `${x.at_text.slice(0, 23)}Z`,
      deviceId: x.device_id,
      eventId: x.event_id,
      userId: x.user_id,
      app: x.app,
      host: x.host,
      action: x.action,
      decision: x.decision,
      dataTypes: x.data_types,
      justification: x.justification,
    })),
    next: rows.length > opts.limit && last ? encodeCursor({ at: last.at_text, deviceId: last.device_id, eventId: last.event_id }) : null,
  };
}
