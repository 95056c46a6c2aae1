/**
 * Anomaly detection over the hourly activity rollup (`activity_hourly`, kept on ingest). Each run
 * looks only at the closed hours since the previous run (`anomaly_state.processed_until`), and at
 * baselines of the candidate users over the 14 days before; it never scans the events table.
 * Deterministic: the same rollups and `now` give the same alerts; alerts are keyed by
 * kind + subject + window, so a rerun adds nothing. Rules and thresholds: docs/anomalies.md.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/db.ts';
import { lockTenant } from '../audit.ts';
import { judgeFor } from '../reports.ts';
import { enqueue } from '../siem/outbox.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export interface Thresholds {
  /** Days of history a baseline covers. */
  baselineDays: number;
  /** A user with fewer active hours in the baseline is judged against their groups' users. */
  minBaselineHours: number;
  /** An hour is anomalous when its count is at least `floor` and at least `ratio` x the baseline per active hour. */
  ratio: number;
  sensitiveFloor: number;
  blockedFloor: number;
  uploadFloor: number;
  offHoursFloor: number;
  /** Working hours [start, end) in UTC, Monday to Friday; other hours are off-hours. */
  workStartHour: number;
  workEndHour: number;
  /** Distinct users whose first use of an unsanctioned app falls in 24 h. */
  newAppUsers: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  baselineDays: 14,
  minBaselineHours: 20,
  ratio: 4,
  sensitiveFloor: 10,
  blockedFloor: 5,
  uploadFloor: 15,
  offHoursFloor: 25,
  workStartHour: 7,
  workEndHour: 19,
  newAppUsers: 5,
};

export type AlertKind = 'sensitive_spike' | 'repeated_blocks' | 'bulk_upload' | 'off_hours_burst' | 'unsanctioned_app_spread';

export interface DetectOptions {
  now: Date;
  /** Hours end this long before they are examined, so late events of the hour are in. */
  settleMs?: number;
  /** On the first run, how far back to look (older history is baseline only). */
  firstLookbackMs?: number;
  /** At most this much is examined per run (a long pause catches up over several runs). */
  maxSpanMs?: number;
  thresholds?: Partial<Thresholds>;
}

export interface DetectResult {
  from: string;
  until: string;
  candidates: number;
  alerts: number;
}

type Tx = Pick<Db, 'query'>;

const floorHour = (t: number) => Math.floor(t / HOUR) * HOUR;

function isOffHours(hourStart: number, t: Thresholds): boolean {
  const d = new Date(hourStart);
  const wd = d.getUTCDay();
  const h = d.getUTCHours();
  return wd === 0 || wd === 6 || h < t.workStartHour || h >= t.workEndHour;
}

type Candidate = {
  hour: Date;
  user_id: string;
  events: number;
  sensitive: number;
  blocked: number;
  uploads: number;
  examples: string[] | null;
  sample: string;
};

type Stats = {
  hours: number;
  events: number;
  sensitive: number;
  blocked: number;
  uploads: number;
  off_hours: number;
  off_events: number;
};

interface NewAlert {
  kind: AlertKind;
  severity: 'low' | 'medium' | 'high';
  subject: string;
  windowStart: Date;
  windowEnd: Date;
  evidence: Record<string, unknown>;
}

/** Runs detection for one tenant up to the last closed hour; stores alerts and puts them in the SIEM outbox. */
export async function detectAnomalies(db: Db, tenantId: string, o: DetectOptions): Promise<DetectResult> {
  const t: Thresholds = { ...DEFAULT_THRESHOLDS, ...o.thresholds };
  const now = o.now.getTime();
  const until = floorHour(now - (o.settleMs ?? 10 * 60_000));
  const [state] = await db.query<{ processed_until: Date }>('SELECT processed_until FROM anomaly_state WHERE tenant_id = $1', [tenantId]);
  const first = !state;
  const from = state ? new Date(state.processed_until).getTime() : until - (o.firstLookbackMs ?? DAY);
  const end = Math.min(until, from + (o.maxSpanMs ?? 7 * DAY));
  if (end <= from) return { from: new Date(from).toISOString(), until: new Date(from).toISOString(), candidates: 0, alerts: 0 };
  const fromIso = new Date(from).toISOString();
  const endIso = new Date(end).toISOString();

  // Per-user hours over the floors: the only hours that can alert.
  const fixed = (
    await db.query<Omit<Candidate, 'examples'> & { examples: string | null }>(
      `SELECT h.hour, h.user_id, sum(h.events)::int AS events, sum(h.sensitive)::int AS sensitive, sum(h.blocked)::int AS blocked,
              sum(h.uploads)::int AS uploads, string_agg(nullif(array_to_string(h.examples, ' '), ''), ' ') AS examples, min(h.sample) AS sample
         FROM activity_hourly h
        WHERE h.tenant_id = $1 AND h.hour >= $2 AND h.hour < $3
        GROUP BY h.hour, h.user_id
       HAVING sum(h.sensitive) >= $4 OR sum(h.blocked) >= $5 OR sum(h.uploads) >= $6 OR (sum(h.events) >= $7 AND ${offHoursSql(t)})
        ORDER BY h.hour, h.user_id`,
      [tenantId, fromIso, endIso, t.sensitiveFloor, t.blockedFloor, t.uploadFloor, t.offHoursFloor],
    )
  ).map((c) => ({ ...c, examples: c.examples ? c.examples.split(' ').slice(0, 5) : [] }));

  const alerts: NewAlert[] = [];
  if (fixed.length) {
    const users = [...new Set(fixed.map((c) => c.user_id))];
    const baseFrom = new Date(from - t.baselineDays * DAY).toISOString();
    const own = await baselines(db, tenantId, users, baseFrom, fromIso, t, 'user');
    const weak = users.filter((u) => (own.get(u)?.hours ?? 0) < t.minBaselineHours);
    const groups = weak.length ? await baselines(db, tenantId, weak, baseFrom, fromIso, t, 'group') : new Map<string, Stats>();
    for (const c of fixed) {
      const hourStart = new Date(c.hour).getTime();
      let basis: 'user' | 'group' | 'none' = 'user';
      let s = own.get(c.user_id);
      if (!s || s.hours < t.minBaselineHours) {
        s = groups.get(c.user_id);
        basis = s && s.hours >= t.minBaselineHours ? 'group' : 'none';
      }
      const per = (x: number, hours: number) => (hours > 0 ? x / hours : 0);
      const window = { start: new Date(hourStart).toISOString(), end: new Date(hourStart + HOUR).toISOString() };
      const baselineOf = (metric: keyof Stats, hoursKey: 'hours' | 'off_hours') => ({
        basis,
        days: t.baselineDays,
        activeHours: s?.[hoursKey] ?? 0,
        perActiveHour: round(per(s?.[metric] ?? 0, s?.[hoursKey] ?? 0)),
      });
      const check = (kind: AlertKind, observed: number, floor: number, metric: keyof Stats, hoursKey: 'hours' | 'off_hours' = 'hours') => {
        const b = baselineOf(metric, hoursKey);
        const threshold = Math.max(floor, Math.ceil(t.ratio * Math.max(b.perActiveHour, 1)));
        if (observed < threshold) return;
        alerts.push({
          kind,
          severity: observed >= 3 * threshold ? 'high' : observed >= 2 * threshold ? 'medium' : 'low',
          subject: c.user_id,
          windowStart: new Date(hourStart),
          windowEnd: new Date(hourStart + HOUR),
          evidence: {
            metric,
            observed,
            threshold,
            baseline: b,
            window,
            events: c.events,
            exampleEventIds:
              kind === 'off_hours_burst' ? [...(c.examples ?? []).slice(0, 2), c.sample].filter(unique) : (c.examples ?? []).slice(0, 5),
          },
        });
      };
      check('sensitive_spike', c.sensitive, t.sensitiveFloor, 'sensitive');
      check('repeated_blocks', c.blocked, t.blockedFloor, 'blocked');
      check('bulk_upload', c.uploads, t.uploadFloor, 'uploads');
      if (isOffHours(hourStart, t)) check('off_hours_burst', c.events, t.offHoursFloor, 'off_events', 'off_hours');
    }
  }

  // First use per (app, user): the first run also takes in everything before (baseline history).
  await db.query(
    `INSERT INTO app_first_use (tenant_id, app, user_id, first_hour)
     SELECT tenant_id, app, user_id, min(hour) FROM activity_hourly
      WHERE tenant_id = $1 AND hour < $3 AND ($4 OR hour >= $2) AND user_id <> ''
      GROUP BY tenant_id, app, user_id ORDER BY app, user_id
     ON CONFLICT (tenant_id, app, user_id) DO NOTHING`,
    [tenantId, fromIso, endIso, first],
  );
  // Apps many users started to use within the 24 h before the end of this run.
  const spread = await db.query<{ app: string; users: number; first: Date; last: Date; examples: string[] }>(
    `SELECT f.app, count(*)::int AS users, min(f.first_hour) AS first, max(f.first_hour) AS last,
            (array_agg(h.sample ORDER BY f.first_hour, f.user_id))[1:5] AS examples
       FROM app_first_use f
       JOIN activity_hourly h ON h.tenant_id = f.tenant_id AND h.hour = f.first_hour AND h.user_id = f.user_id AND h.app = f.app
      WHERE f.tenant_id = $1 AND f.first_hour >= $2 AND f.first_hour < $3
      GROUP BY f.app HAVING count(*) >= $4`,
    [tenantId, new Date(end - DAY).toISOString(), endIso, t.newAppUsers],
  );
  if (spread.length) {
    const judge = await judgeFor(db, tenantId);
    for (const s of spread) {
      const status = judge.status(s.app);
      if (status === 'sanctioned') continue;
      const day = new Date(s.first).toISOString().slice(0, 10);
      alerts.push({
        kind: 'unsanctioned_app_spread',
        severity: s.users >= 4 * t.newAppUsers ? 'high' : s.users >= 2 * t.newAppUsers ? 'medium' : 'low',
        subject: s.app,
        windowStart: new Date(`${day}T00:00:00Z`),
        windowEnd: new Date(Date.parse(`${day}T00:00:00Z`) + DAY),
        evidence: {
          metric: 'new_users',
          observed: s.users,
          threshold: t.newAppUsers,
          appStatus: status,
          firstUseFrom: new Date(s.first).toISOString(),
          firstUseTo: new Date(new Date(s.last).getTime() + HOUR).toISOString(),
          window: { start: `${day}T00:00:00.000Z`, end: new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString() },
          exampleEventIds: s.examples,
        },
      });
    }
  }

  const stored = await db.transaction(async (tx) => {
    await lockTenant(tx, tenantId);
    const ids = await storeAlerts(tx, tenantId, alerts);
    await enqueue(tx, tenantId, 'alert', ids);
    await tx.query(
      `INSERT INTO anomaly_state (tenant_id, processed_until) VALUES ($1, $2)
       ON CONFLICT (tenant_id) DO UPDATE SET processed_until = excluded.processed_until`,
      [tenantId, endIso],
    );
    return ids.length;
  });
  return { from: fromIso, until: endIso, candidates: fixed.length, alerts: stored };
}

/** SQL: is `h.hour` an off-hours hour (same rule as {@link isOffHours}). */
function offHoursSql(t: Thresholds): string {
  return `(extract(isodow FROM h.hour AT TIME ZONE 'UTC') >= 6 OR extract(hour FROM h.hour AT TIME ZONE 'UTC') < ${Number(t.workStartHour)}
           OR extract(hour FROM h.hour AT TIME ZONE 'UTC') >= ${Number(t.workEndHour)})`;
}

const unique = <T>(x: T, i: number, a: T[]) => a.indexOf(x) === i;
const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Per-user baselines (`by = 'user'`: the user's own hours) or per-group ones (`'group'`: the hours
 * of every user sharing a directory group with the user) over [from, to).
 */
async function baselines(
  db: Tx,
  tenantId: string,
  users: string[],
  from: string,
  to: string,
  t: Thresholds,
  by: 'user' | 'group',
): Promise<Map<string, Stats>> {
  const off = offHoursSql(t);
  const agg = `count(DISTINCT (h.hour, h.user_id))::int AS hours, sum(h.events)::int AS events, sum(h.sensitive)::int AS sensitive,
               sum(h.blocked)::int AS blocked, sum(h.uploads)::int AS uploads,
               count(DISTINCT (h.hour, h.user_id)) FILTER (WHERE ${off})::int AS off_hours,
               coalesce(sum(h.events) FILTER (WHERE ${off}), 0)::int AS off_events`;
  const rows =
    by === 'user'
      ? await db.query<Stats & { user_id: string }>(
          `SELECT h.user_id, ${agg} FROM activity_hourly h
            WHERE h.tenant_id = $1 AND h.hour >= $2 AND h.hour < $3 AND h.user_id = ANY($4::text[])
            GROUP BY h.user_id`,
          [tenantId, from, to, users],
        )
      : await db.query<Stats & { user_id: string }>(
          `WITH mine AS (
             SELECT u.user_id, g FROM directory_users u CROSS JOIN LATERAL unnest(u.groups) AS g
              WHERE u.tenant_id = $1 AND u.user_id = ANY($4::text[])
           ), peers AS (
             SELECT DISTINCT m.user_id, p.user_id AS peer FROM mine m
               JOIN directory_users p ON p.tenant_id = $1 AND m.g = ANY(p.groups) AND p.user_id <> m.user_id
           )
           SELECT peers.user_id, ${agg}
             FROM peers JOIN activity_hourly h ON h.tenant_id = $1 AND h.user_id = peers.peer AND h.hour >= $2 AND h.hour < $3
            GROUP BY peers.user_id`,
          [tenantId, from, to, users],
        );
  return new Map(rows.map((r) => [r.user_id, r]));
}

async function storeAlerts(tx: Tx, tenantId: string, alerts: NewAlert[]): Promise<string[]> {
  if (alerts.length === 0) return [];
  const rows = alerts.map((a) => ({
    alert_id: randomUUID(),
    kind: a.kind,
    severity: a.severity,
    subject: a.subject,
    window_start: a.windowStart.toISOString(),
    window_end: a.windowEnd.toISOString(),
    evidence: a.evidence,
    dedupe_key: `${a.kind}|${a.subject}|${a.windowStart.toISOString()}`,
  }));
  const inserted = await tx.query<{ alert_id: string }>(
    `INSERT INTO alerts (tenant_id, alert_id, kind, severity, subject, window_start, window_end, evidence, dedupe_key)
     SELECT $1, x.alert_id, x.kind, x.severity, x.subject, x.window_start, x.window_end, x.evidence, x.dedupe_key
       FROM jsonb_to_recordset($2::jsonb) AS x(alert_id uuid, kind text, severity text, subject text, window_start timestamptz,
                                              window_end timestamptz, evidence jsonb, dedupe_key text)
     ON CONFLICT (tenant_id, dedupe_key) DO NOTHING
     RETURNING alert_id`,
    [tenantId, JSON.stringify(rows)],
  );
  return inserted.map((r) => r.alert_id);
}
