import { z } from 'zod';
import { AppAction } from '../policy/schema.ts';

/** A calendar day, `YYYY-MM-DD`, in years 2000-2999. */
export const ReportDay = z
  .string()
  .regex(/^2\d{3}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD (years 2000-2999)')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a calendar date');

/** True for an IANA time zone name this runtime knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+/-]{0,63}$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Longest range a report covers, in days (inclusive). */
export const MAX_REPORT_DAYS = 366;

const DAY_MS = 86_400_000;

/** The range fields every report query takes (spread into its schema, with `checkRange`). */
export const rangeChecks = {
  /** First day (inclusive). Default: 29 days before `to`. */
  from: ReportDay.optional(),
  /** Last day (inclusive). Default: today in `tz`. */
  to: ReportDay.optional(),
  /**
   * IANA time zone for the default range and for the time bounds of the justifications list.
   * Rollup days are UTC days (see docs/api.md).
   */
  tz: z.string().max(64).refine(isTimeZone, 'an IANA time zone such as Europe/Berlin or UTC').default('UTC'),
  /** `csv`: the same rows as CSV (RFC 4180), one header line. */
  format: z.enum(['json', 'csv']).default('json'),
};

/** Refinement of a report query: `from` not after `to`, at most `MAX_REPORT_DAYS` days. */
export function checkRange(q: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (q.from && q.to) {
    const span = (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS;
    if (span < 0) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
    else if (span >= MAX_REPORT_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `a range covers at most ${MAX_REPORT_DAYS} days` });
  }
}

/** Query of the usage and data reports. */
export const ReportQuery = z
  .strictObject({
    ...rangeChecks,
    /** Rows answered, largest first. */
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .superRefine(checkRange);
export type ReportQuery = z.infer<typeof ReportQuery>;

/** Query of the usage-by-app report: also filter by sanctioned status. */
export const AppReportQuery = z
  .strictObject({
    ...rangeChecks,
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    sanctioned: z.enum(['true', 'false']).optional(),
  })
  .superRefine(checkRange);
export type AppReportQuery = z.infer<typeof AppReportQuery>;

/** Query of the top-N reports. */
export const TopQuery = z
  .strictObject({
    ...rangeChecks,
    limit: z.coerce.number().int().min(1).max(100).default(10),
  })
  .superRefine(checkRange);
export type TopQuery = z.infer<typeof TopQuery>;

/** The paging fields of a list query: page size, and `after` = the previous page's `next`. */
export const pageChecks = {
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/, 'a cursor from a previous page')
    .optional(),
};

/** Query of the justifications list: newest first, paged by `after` (the previous page's `next`). */
export const JustificationQuery = z
  .strictObject({
    ...rangeChecks,
    ...pageChecks,
  })
  .superRefine(checkRange);
export type JustificationQuery = z.infer<typeof JustificationQuery>;

/** Events per decision the devices applied (app-rule and data-rule decisions). */
export const DecisionCounts = z.object({
  allow: z.number().int(),
  warn: z.number().int(),
  justify: z.number().int(),
  redact: z.number().int(),
  block: z.number().int(),
  sanctioned: z.number().int(),
  monitored: z.number().int(),
});
export type DecisionCounts = z.infer<typeof DecisionCounts>;
export const DECISIONS = Object.keys(DecisionCounts.shape) as (keyof DecisionCounts)[];

/** The range a report covers, as resolved from the query. */
const Range = { from: z.string(), to: z.string(), tz: z.string() };

export const AppUsageRow = z.object({
  app: z.string(),
  /** From the tenant's catalog (built-in plus the policy's additions); null for unknown apps. */
  name: z.string().nullable(),
  category: z.string().nullable(),
  /** What the tenant's current policy says about the app (for a user without group rules). */
  status: AppAction,
  sanctioned: z.boolean(),
  events: z.number().int(),
  visits: z.number().int(),
  decisions: DecisionCounts,
});
export type AppUsageRow = z.infer<typeof AppUsageRow>;
export const AppUsageReport = z.object({
  ...Range,
  totals: z.object({ events: z.number().int(), sanctioned: z.number().int(), unsanctioned: z.number().int(), apps: z.number().int() }),
  rows: z.array(AppUsageRow),
});

export const UserUsageRow = z.object({
  /** As stored: e-mail/UPN or its pseudonym; null for events with no known user. */
  userId: z.string().nullable(),
  displayName: z.string().nullable(),
  department: z.string().nullable(),
  events: z.number().int(),
  /** Events that carried sensitive data. */
  sensitive: z.number().int(),
  decisions: DecisionCounts,
});
export type UserUsageRow = z.infer<typeof UserUsageRow>;
export const UserUsageReport = z.object({ ...Range, rows: z.array(UserUsageRow) });

export const GroupUsageRow = z.object({
  /** Directory group; null for users in no group or not in the directory. */
  group: z.string().nullable(),
  users: z.number().int(),
  events: z.number().int(),
  sensitive: z.number().int(),
  decisions: DecisionCounts,
});
export const GroupUsageReport = z.object({ ...Range, rows: z.array(GroupUsageRow) });

export const DayUsageRow = z.object({
  day: z.string(),
  events: z.number().int(),
  sanctioned: z.number().int(),
  unsanctioned: z.number().int(),
  sensitive: z.number().int(),
  decisions: DecisionCounts,
});
export const DayUsageReport = z.object({ ...Range, rows: z.array(DayUsageRow) });

export const DataEventsRow = z.object({
  /** Finding type id (built-in or `tenant:<id>`). */
  type: z.string(),
  decision: z.string(),
  events: z.number().int(),
  /** Matched values (an event can hold several). */
  matches: z.number().int(),
});
export const DataEventsReport = z.object({ ...Range, rows: z.array(DataEventsRow) });

export const JustificationRow = z.object({
  at: z.iso.datetime(),
  /** Any 8-4-4-4-12 hex id (device ids are UUIDs the server made, but the answer must not fail on one). */
  deviceId: z.guid(),
  eventId: z.string(),
  userId: z.string().nullable(),
  app: z.string(),
  host: z.string(),
  action: z.string(),
  decision: z.string(),
  dataTypes: z.array(z.object({ type: z.string(), count: z.number().int() })),
  justification: z.string(),
});
export const JustificationPage = z.object({
  ...Range,
  rows: z.array(JustificationRow),
  /** Pass as `after` for the next page; null at the end. */
  next: z.string().nullable(),
});
