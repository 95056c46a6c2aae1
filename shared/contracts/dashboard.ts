import { z } from 'zod';
import { AppAction } from '../policy/schema.ts';
import { Role } from './admin.ts';
import { checkRange, DecisionCounts, pageChecks, rangeChecks } from './reports.ts';

/** `GET /v1/auth/me`: who is calling, for the dashboard (role-aware navigation, CSRF token). */
export const MeResponse = z.object({
  tenantId: z.uuid(),
  tenantName: z.string(),
  role: Role,
  /** `admin:<id>` or `token:<id>`. */
  actor: z.string(),
  /** The admin's e-mail for sessions; null for API tokens. */
  email: z.string().nullable(),
  /** For cookie sessions: the `x-csrf-token` value writes need; null for bearer credentials. */
  csrfToken: z.string().nullable(),
});
export type MeResponse = z.infer<typeof MeResponse>;

/** `GET /v1/reports/apps-seen`: every AI app seen in the range. */
export const AppsSeenQuery = z
  .strictObject({ ...rangeChecks, limit: z.coerce.number().int().min(1).max(1000).default(500) })
  .superRefine(checkRange);
export type AppsSeenQuery = z.infer<typeof AppsSeenQuery>;

export const AppSeenRow = z.object({
  app: z.string(),
  /** From the tenant's catalog; null for apps outside it. */
  name: z.string().nullable(),
  vendor: z.string().nullable(),
  category: z.string().nullable(),
  /** The catalog's risk rating; `unknown` for apps outside the catalog. */
  risk: z.enum(['low', 'medium', 'high', 'unknown']),
  /** What the current policy says for the app (user in no group, unknown account type). */
  status: AppAction,
  /** Distinct users in the range (events without a known user are not counted). */
  users: z.number().int(),
  events: z.number().int(),
  /** First and last UTC day the app was seen at all (not only in the range). */
  firstSeen: z.string(),
  lastSeen: z.string(),
  decisions: DecisionCounts,
});
export type AppSeenRow = z.infer<typeof AppSeenRow>;
export const AppsSeenReport = z.object({ from: z.string(), to: z.string(), tz: z.string(), rows: z.array(AppSeenRow) });

const Slug = z.string().regex(/^[a-z0-9][a-z0-9_:.-]{0,71}$/, 'an id of lower-case letters, digits, _ : . -');

/** `GET /v1/reports/events`: sensitive-data events, newest first, filtered, paged. */
export const DataEventQuery = z
  .strictObject({
    ...rangeChecks,
    ...pageChecks,
    /** Finding type id (`email`, `tenant:codenames`). */
    type: Slug.optional(),
    app: Slug.optional(),
    decision: z.enum(['allow', 'warn', 'justify', 'redact', 'pseudonymize', 'block', 'sanctioned', 'monitored']).optional(),
    /** User id as stored (lower-case e-mail/UPN or pseudonym). */
    user: z.string().trim().min(1).max(320).optional(),
    surface: z.enum(['browser', 'desktop', 'cli']).optional(),
  })
  .superRefine(checkRange);
export type DataEventQuery = z.infer<typeof DataEventQuery>;

/** One event with sensitive data: metadata only (types and counts, never values or their hashes). */
export const DataEventRow = z.object({
  at: z.iso.datetime(),
  deviceId: z.guid(),
  hostname: z.string().nullable(),
  eventId: z.string(),
  userId: z.string().nullable(),
  app: z.string(),
  host: z.string(),
  surface: z.string(),
  action: z.string(),
  decision: z.string(),
  accountType: z.string().nullable(),
  dataTypes: z.array(z.object({ type: z.string(), count: z.number().int() })),
  textLength: z.number().int().nullable(),
  /** Distinct matched values (their hashes are never shown). */
  values: z.number().int(),
  justified: z.boolean(),
});
export const DataEventPage = z.object({
  from: z.string(),
  to: z.string(),
  tz: z.string(),
  rows: z.array(DataEventRow),
  next: z.string().nullable(),
});
