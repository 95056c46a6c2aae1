import { z } from 'zod';
import { Surface } from '../catalog/schema.ts';
import { ClientTimestamp } from './common.ts';
import { AccountType, AppAction, DataAction, FindingTypeId } from '../policy/schema.ts';

/** What the user did with an AI app. */
export const EventAction = z.enum(['visit', 'paste', 'drop', 'upload', 'submit', 'clipboard']);
export type EventAction = z.infer<typeof EventAction>;

/**
 * What happened after the decision: let through (`allowed`), the user went on after a warning or
 * with a justification (`continued`) or stepped back (`cancelled`), values were replaced
 * (`redacted`), or it was stopped (`blocked`).
 */
export const EventOutcome = z.enum(['allowed', 'continued', 'cancelled', 'redacted', 'blocked']);
export type EventOutcome = z.infer<typeof EventOutcome>;

/** The decision the device applied: an app rule's action for visits, a data rule's otherwise. */
export const EventDecision = z.union([AppAction, DataAction]);
export type EventDecision = z.infer<typeof EventDecision>;

/**
 * One event, metadata only: never the text, never a matched value. Unknown fields are refused, so
 * a client cannot send content by accident. `valueHashes` are HMAC-SHA-256 (hex) of each matched
 * value under the tenant's value-hash key (given at enrollment), computed on the device: they let
 * reports count repeats of one value without revealing it.
 */
export const ClientEvent = z.strictObject({
  /** Client-chosen id, unique per device; a retried batch with the same ids is counted once. */
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8 to 64 characters of A-Z a-z 0-9 _ -'),
  at: ClientTimestamp,
  /** Catalog app id, or `unknown`. */
  app: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  host: z
    .string()
    .max(253)
    .regex(/^[a-z0-9.-]+$/i, 'a host name'),
  surface: Surface,
  action: EventAction,
  decision: EventDecision,
  outcome: EventOutcome.optional(),
  accountType: AccountType.optional(),
  dataTypes: z
    .array(z.strictObject({ type: FindingTypeId, count: z.number().int().min(1).max(1_000_000) }))
    .max(64)
    .default([]),
  textLength: z.number().int().min(0).max(1_000_000_000).optional(),
  valueHashes: z
    .array(z.string().regex(/^[0-9a-f]{64}$/, 'HMAC-SHA-256 as hex'))
    .max(256)
    .optional(),
  /** What the user typed when asked to justify. */
  justification: z.string().trim().min(1).max(2000).optional(),
});
export type ClientEvent = z.infer<typeof ClientEvent>;

/** `POST /v1/events` */
export const EventBatch = z.strictObject({ events: z.array(ClientEvent).min(1).max(500) });
export type EventBatch = z.infer<typeof EventBatch>;

/**
 * Every event of an acknowledged batch is stored (now or by an earlier attempt): the device may
 * drop the whole batch from its queue.
 */
export const IngestResponse = z.object({
  received: z.number().int(),
  /** New events stored by this request. */
  stored: z.number().int(),
  /** Events already stored by an earlier attempt. */
  duplicates: z.number().int(),
});
export type IngestResponse = z.infer<typeof IngestResponse>;
