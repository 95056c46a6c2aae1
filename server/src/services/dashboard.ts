import { DECISIONS, type DecisionCounts } from '../../../shared/contracts/reports.ts';
import type { AppSeenRow } from '../../../shared/contracts/dashboard.ts';
import type { Db } from '../db/db.ts';
import { decodeCursor, encodeCursor, judgeFor, zeroDecisions, type Range } from './reports.ts';

/**
 * Dashboard lists that the reports do not give: every app seen (with its users and first/last
 * day) and the sensitive-data events themselves, metadata only.
 */

function addDecision(d: DecisionCounts, decision: string, n: number): void {
  if ((DECISIONS as string[]).includes(decision)) d[decision as keyof DecisionCounts] += n;
}

/**
 * Apps seen in the range: users from `app_user_daily`, events and decisions from `app_daily`, first
 * and last day over all of `app_daily`; name, risk and status from the tenant's catalog and
 * current policy. Largest first by users, then events.
 */
export async function appsSeen(db: Db, tenantId: string, r: Range, opts: { limit: number }): Promise<AppSeenRow[]> {
  const [judge, users, apps, seen] = await Promise.all([
    judgeFor(db, tenantId),
    db.query<{ app: string; users: number }>(
      // DISTINCT in a subquery hashes; count(DISTINCT ...) per group would sort every group.
      `SELECT app, count(*)::int AS users
         FROM (SELECT DISTINCT app, user_id FROM app_user_daily
                WHERE tenant_id = $1 AND day BETWEEN $2::date AND $3::date) AS x
        GROUP BY app`,
      [tenantId, r.from, r.to],
    ),
    db.query<{ app: string; decision: string; events: number }>(
      `SELECT app, decision, sum(events)::float8 AS events
         FROM app_daily WHERE tenant_id = $1 AND day BETWEEN $2::date AND $3::date GROUP BY app, decision`,
      [tenantId, r.from, r.to],
    ),
    db.query<{ app: string; first: string; last: string }>(
      `SELECT app, to_char(min(day), 'YYYY-MM-DD') AS first, to_char(max(day), 'YYYY-MM-DD') AS last
         FROM app_daily WHERE tenant_id = $1 GROUP BY app`,
      [tenantId],
    ),
  ]);
  const firstLast = new Map(seen.map((s) => [s.app, s]));
  const userCount = new Map(users.map((u) => [u.app, u.users]));
  const rows = new Map<string, AppSeenRow>();
  for (const x of apps) {
    let row = rows.get(x.app);
    if (!row) {
      const a = judge.app(x.app);
      const fl = firstLast.get(x.app);
      row = {
        app: x.app,
        name: a?.name ?? null,
        vendor: a?.vendor ?? null,
        category: a?.category ?? null,
        risk: a?.risk ?? 'unknown',
        status: judge.status(x.app),
        users: userCount.get(x.app) ?? 0,
        events: 0,
        firstSeen: fl?.first ?? r.from,
        lastSeen: fl?.last ?? r.to,
        decisions: zeroDecisions(),
      };
      rows.set(x.app, row);
    }
    row.events += x.events;
    addDecision(row.decisions, x.decision, x.events);
  }
  return [...rows.values()].sort((a, b) => b.users - a.users || b.events - a.events || a.app.localeCompare(b.app)).slice(0, opts.limit);
}

export interface DataEventFilter {
  limit: number;
  after?: string;
  type?: string;
  app?: string;
  decision?: string;
  user?: string;
  surface?: string;
}

/**
 * Events that carried sensitive data, newest first, between local midnight of `from` and of the
 * day after `to` in `tz`, read backwards through the partial index `events_sensitive`. Value
 * hashes are counted, never returned; justification text stays on the justifications list.
 */
export async function dataEventPage(db: Db, tenantId: string, r: Range, f: DataEventFilter) {
  const c = f.after ? decodeCursor(f.after) : null;
  const rows = await db.query<{
    at_text: string;
    device_id: string;
    hostname: string | null;
    event_id: string;
    user_id: string | null;
    app: string;
    host: string;
    surface: string;
    action: string;
    decision: string;
    account_type: string | null;
    data_types: { type: string; count: number }[];
    text_length: number | null;
    values: number;
    justified: boolean;
  }>(
    `SELECT to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_text, e.device_id, d.hostname, e.event_id, e.user_id,
            e.app, e.host, e.surface, e.action, e.decision, e.account_type, e.data_types, e.text_length,
            coalesce(jsonb_array_length(e.value_hashes), 0)::int AS values, e.justification IS NOT NULL AS justified
       FROM events e
       LEFT JOIN devices d ON d.tenant_id = e.tenant_id AND d.device_id = e.device_id
      WHERE e.tenant_id = $1 AND e.data_types <> '[]'::jsonb
        AND e.at >= ($2::date::timestamp AT TIME ZONE $4) AND e.at < (($3::date + 1)::timestamp AT TIME ZONE $4)
        AND ($5::timestamptz IS NULL OR (e.at, e.device_id, e.event_id) < ($5::timestamptz, $6::uuid, $7::text))
        AND ($9::text IS NULL OR e.data_types @> jsonb_build_array(jsonb_build_object('type', $9::text)))
        AND ($10::text IS NULL OR e.app = $10)
        AND ($11::text IS NULL OR e.decision = $11)
        AND ($12::text IS NULL OR e.user_id = $12)
        AND ($13::text IS NULL OR e.surface = $13)
      ORDER BY e.at DESC, e.device_id DESC, e.event_id DESC
      LIMIT $8`,
    [
      tenantId,
      r.from,
      r.to,
      r.tz,
      c?.at ?? null,
      c?.deviceId ?? null,
      c?.eventId ?? null,
      f.limit + 1,
      f.type ?? null,
      f.app ?? null,
      f.decision ?? null,
      f.user?.toLowerCase() ?? null,
      f.surface ?? null,
    ],
  );
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return {
    rows: page.map((x) => ({
      at: `${x.at_text.slice(0, 23)}Z`,
      deviceId: x.device_id,
      hostname: x.hostname,
      eventId: x.event_id,
      userId: x.user_id,
      app: x.app,
      host: x.host,
      surface: x.surface,
      action: x.action,
      decision: x.decision,
      accountType: x.account_type,
      dataTypes: x.data_types,
      textLength: x.text_length,
      values: x.values,
      justified: x.justified,
    })),
    next: rows.length > f.limit && last ? encodeCursor({ at: last.at_text, deviceId: last.device_id, eventId: last.event_id }) : null,
  };
}
