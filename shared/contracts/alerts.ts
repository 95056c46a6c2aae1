import { z } from 'zod';
import { pageChecks, ReportQuery } from './reports.ts';

export const AlertKind = z.enum(['sensitive_spike', 'repeated_blocks', 'bulk_upload', 'off_hours_burst', 'unsanctioned_app_spread']);
export type AlertKind = z.infer<typeof AlertKind>;

/** An anomaly alert: what, about whom (user id or app id), when, and the evidence (counts, baseline, window, example event ids; never values). */
export const Alert = z.object({
  id: z.uuid(),
  kind: AlertKind,
  severity: z.enum(['low', 'medium', 'high']),
  subject: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type Alert = z.infer<typeof Alert>;

/** `GET /v1/alerts`: newest first, paged by `after` (the previous page's `next`). */
export const AlertQuery = z.strictObject({
  kind: AlertKind.optional(),
  subject: z.string().min(1).max(320).optional(),
  ...pageChecks,
});
export const AlertPage = z.object({ alerts: z.array(Alert), next: z.string().nullable() });

/** `GET /v1/reports/alerts`: alerts per day (of their window) and kind. */
export const AlertReportQuery = ReportQuery;
export const AlertReportRow = z.object({ day: z.string(), kind: AlertKind, alerts: z.number().int(), high: z.number().int() });
export const AlertReport = z.object({ from: z.string(), to: z.string(), tz: z.string(), rows: z.array(AlertReportRow) });
