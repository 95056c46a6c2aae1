import { type Alert, AlertPage, AlertQuery, AlertReport, AlertReportQuery, type AlertKind } from '../../../shared/contracts/alerts.ts';
import type { RouteContext, ZApp } from '../app.ts';
import { adminOf } from '../auth/plugin.ts';
import { ApiError } from '../errors.ts';
import { resolveRange } from '../services/reports.ts';
import { toCsv } from './csv.ts';
import { AUTH_ERRORS, iso, SECURITY } from './util.ts';

type AlertRow = {
  alert_id: string;
  kind: AlertKind;
  severity: 'low' | 'medium' | 'high';
  subject: string;
  window_start: Date;
  window_end: Date;
  evidence: Record<string, unknown> | string;
  created_at: Date;
};

const toAlert = (r: AlertRow): Alert => ({
  id: r.alert_id,
  kind: r.kind,
  severity: r.severity,
  subject: r.subject,
  windowStart: iso(r.window_start),
  windowEnd: iso(r.window_end),
  evidence: typeof r.evidence === 'string' ? (JSON.parse(r.evidence) as Record<string, unknown>) : r.evidence,
  createdAt: iso(r.created_at),
});

/** Cursor of the alerts list: created_at (µs precision is kept by the ISO string) and alert id. */
function parseCursor(after: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) return { at, id };
  } catch {
    // fall through
  }
  throw new ApiError(400, 'bad_request', 'Invalid querystring: after: a cursor from a previous page');
}

/** Anomaly alerts (docs/anomalies.md): the list, and alerts per day in the reports. */
export function alertRoutes(app: ZApp, { db }: RouteContext): void {
  app.get(
    '/v1/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Anomaly alerts with their evidence, newest first',
        security: SECURITY,
        querystring: AlertQuery,
        response: { 200: AlertPage, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId } = adminOf(req);
      const { kind, subject, limit, after } = req.query;
      const c = after ? parseCursor(after) : null;
      const rows = await db.query<AlertRow & { at_text: string }>(
        `SELECT alert_id, kind, severity, subject, window_start, window_end, evidence, created_at,
                to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_text
           FROM alerts
          WHERE tenant_id = $1 AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR subject = $3)
            AND ($4::timestamptz IS NULL OR (created_at, alert_id) < ($4::timestamptz, $5::uuid))
          ORDER BY created_at DESC, alert_id DESC LIMIT $6`,
        [tenantId, kind ?? null, subject ?? null, c?.at ?? null, c?.id ?? null, limit + 1],
      );
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        alerts: page.map(toAlert),
        next: rows.length > limit && last ? Buffer.from(JSON.stringify([last.at_text, last.alert_id])).toString('base64url') : null,
      };
    },
  );

  app.get(
    '/v1/reports/alerts',
    {
      schema: {
        tags: ['reports'],
        summary: 'Anomaly alerts per day (UTC day of their window) and kind',
        description: 'With `format=csv`: the rows as CSV (text/csv, RFC 4180).',
        security: SECURITY,
        querystring: AlertReportQuery,
        response: { 200: AlertReport, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId } = adminOf(req);
      const range = resolveRange(req.query);
      const rows = await db.query<{ day: string; kind: AlertKind; alerts: number; high: number }>(
        `SELECT to_char(window_start AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, kind, count(*)::int AS alerts,
                count(*) FILTER (WHERE severity = 'high')::int AS high
           FROM alerts
          WHERE tenant_id = $1 AND window_start >= $2::date AND window_start < $3::date + 1
          GROUP BY 1, 2 ORDER BY 1, 2 LIMIT $4`,
        [tenantId, range.from, range.to, req.query.limit],
      );
      const body = { ...range, rows };
      if (req.query.format === 'json') return body;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="daylight-alerts-${range.from}-${range.to}.csv"`)
        .send(
          toCsv(
            ['day', 'kind', 'alerts', 'high'],
            rows.map((r) => [r.day, r.kind, r.alerts, r.high]),
          ) as never,
        );
    },
  );
}
