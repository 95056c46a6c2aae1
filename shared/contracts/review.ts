import { z } from 'zod';
import { FindingTypeId } from '../policy/schema.ts';

/**
 * Justification review (docs/review.md): every event a user justified (a paste they explained, a
 * request for access to a blocked app) becomes one review item. A reviewer approves it, which
 * grants a time-limited exception carried in the next signed policy, or denies it with a message
 * the user's devices show.
 */
export const ReviewStatus = z.enum(['pending', 'approved', 'denied']);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

/** `GET /v1/justifications` query. */
export const ReviewQuery = z.strictObject({
  status: ReviewStatus.default('pending'),
  /** Paging cursor: the `next` of the previous page (a review id). */
  after: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const ReviewItem = z.object({
  id: z.uuid(),
  status: ReviewStatus,
  /** When the device saw it, and when the server received it. */
  at: z.iso.datetime(),
  receivedAt: z.iso.datetime(),
  deviceId: z.uuid(),
  eventId: z.string(),
  /** The enrolled user (e-mail/UPN in lower case, or its pseudonym); null when the device has none. */
  userId: z.string().nullable(),
  app: z.string(),
  host: z.string(),
  /** What the user did (`paste`, `visit` for an access request, ...). */
  action: z.string(),
  /** What the policy asked for (`justify`, `block`, ...). */
  decision: z.string(),
  dataTypes: z.array(z.object({ type: z.string(), count: z.number().int() })),
  /** The user's justification; null under the minimal privacy tier. */
  text: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  /** Approved: the id of the exception it granted. */
  exceptionId: z.string().nullable(),
  /** Denied: the message sent to the user. */
  message: z.string().nullable(),
  note: z.string().nullable(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

export const ReviewList = z.object({ items: z.array(ReviewItem), next: z.uuid().nullable() });

export const ReviewParams = z.strictObject({ id: z.uuid() });

/** Longest exception a reviewer may grant: 30 days. */
export const MAX_EXCEPTION_MINUTES = 43_200;

/** `POST /v1/justifications/:id/approve` */
export const ApproveRequest = z
  .strictObject({
    /** `user`: the user who asked; `group`: everyone in `group`. */
    scope: z.enum(['user', 'group']),
    group: z.string().trim().min(1).max(256).optional(),
    durationMinutes: z.number().int().min(5).max(MAX_EXCEPTION_MINUTES),
    /** The data types allowed; default: those of the justified event (none: the app itself). */
    dataTypes: z.array(FindingTypeId).min(1).max(100).optional(),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.scope === 'group' && !b.group) ctx.addIssue({ code: 'custom', path: ['group'], message: 'required when scope is group' });
    if (b.scope === 'user' && b.group) ctx.addIssue({ code: 'custom', path: ['group'], message: 'only with scope group' });
  });
export type ApproveRequest = z.infer<typeof ApproveRequest>;

export const ApproveResponse = z.object({
  item: ReviewItem,
  exception: z.object({
    id: z.string(),
    users: z.array(z.string()).optional(),
    groups: z.array(z.string()).optional(),
    apps: z.array(z.string()).optional(),
    types: z.array(z.string()).optional(),
    until: z.string(),
    reason: z.string().optional(),
  }),
  /** The policy version that carries the exception. */
  policyVersion: z.number().int(),
});

/** `POST /v1/justifications/:id/deny` */
export const DenyRequest = z.strictObject({ message: z.string().trim().min(1).max(2000) });
export const DenyResponse = z.object({ item: ReviewItem });

/** A message for the user of a device (a denied justification), `GET /v1/device/notices`. */
export const DeviceNotice = z.object({
  id: z.uuid(),
  /** Increasing; ask again with `after` = the last one seen. */
  seq: z.number().int(),
  kind: z.enum(['justification_denied', 'justification_approved']),
  app: z.string().nullable(),
  message: z.string(),
  createdAt: z.iso.datetime(),
});
export type DeviceNotice = z.infer<typeof DeviceNotice>;

export const DeviceNoticeQuery = z.strictObject({ after: z.coerce.number().int().min(0).default(0) });
export const DeviceNoticeList = z.object({ notices: z.array(DeviceNotice) });
export type DeviceNoticeList = z.infer<typeof DeviceNoticeList>;

/** `GET /v1/exceptions`: exceptions reviewers granted that have not expired. */
export const GrantedException = z.object({
  id: z.string(),
  reviewId: z.uuid().nullable(),
  users: z.array(z.string()).optional(),
  groups: z.array(z.string()).optional(),
  apps: z.array(z.string()).optional(),
  types: z.array(z.string()).optional(),
  until: z.string(),
  reason: z.string().optional(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
});
export const GrantedExceptionList = z.object({ exceptions: z.array(GrantedException) });
export const ExceptionParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an exception id') });
/** `DELETE /v1/exceptions/:id`: ends an exception now; answers the policy version without it. */
export const RevokeExceptionResponse = z.object({ id: z.string(), policyVersion: z.number().int() });
