import { z } from 'zod';
import { AppCategory } from '../../shared/catalog/schema.ts';
import { ClientEvent } from '../../shared/contracts/events.ts';
import { AdapterHealth } from '../../shared/contracts/heartbeat.ts';
import { DeviceNotice } from '../../shared/contracts/review.ts';

/**
 * Every message between extension contexts. The name says the direction; the receiver parses
 * with {@link parseMessage} and drops what does not parse.
 */
export const ContentHello = z.object({
  type: z.literal('content->background:hello'),
  host: z.string().min(1).max(253),
  topFrame: z.boolean(),
});

/**
 * The background's answer to a hello: what the content script needs to decide on this page. The
 * app comes from the tenant's effective catalog; the value-hash key only when the privacy tier
 * lets events carry value hashes and the device is enrolled.
 */
export const TabContext = z.object({
  app: z.object({ id: z.string(), name: z.string(), category: AppCategory }).nullable(),
  userId: z.string().optional(),
  groups: z.array(z.string()).default([]),
  valueHashKey: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type TabContext = z.infer<typeof TabContext>;

export const PopupGetStatus = z.object({
  type: z.literal('popup->background:get-status'),
});

/** A guard decision on an AI app (metadata only; the background fills in the host it trusts). */
export const ContentEvent = z.object({
  type: z.literal('content->background:event'),
  event: ClientEvent,
});

/** A frame's self-check of its site adapter (composer found, send button found). */
export const ContentAdapterHealth = z.object({
  type: z.literal('content->background:adapter-health'),
  health: AdapterHealth,
});

/** The block page asks what to show for a blocked app. */
export const BlockedInfoRequest = z.object({
  type: z.literal('page->background:blocked-info'),
  appId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
});

export const BlockedInfo = z.object({
  app: z.object({ id: z.string(), name: z.string(), vendor: z.string() }).nullable(),
  message: z.string(),
  alternatives: z.array(z.object({ name: z.string(), url: z.string() })),
  /** Requests are recorded only when the device reports to a tenant. */
  canRequest: z.boolean(),
});
export type BlockedInfo = z.infer<typeof BlockedInfo>;

/** The user asks for access to a blocked app, with a reason (reviewed by the tenant's admins). */
export const RequestAccess = z.object({
  type: z.literal('page->background:request-access'),
  appId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  host: z
    .string()
    .max(253)
    .regex(/^[a-z0-9.-]+$/i),
  reason: z.enum(['business', 'synthetic', 'own', 'other']),
  text: z.string().trim().min(3).max(1000),
});

export const Message = z.discriminatedUnion('type', [
  ContentHello,
  PopupGetStatus,
  ContentEvent,
  ContentAdapterHealth,
  BlockedInfoRequest,
  RequestAccess,
]);
export type Message = z.infer<typeof Message>;

/** Status of the extension, answered to the popup. */
export const Status = z.object({
  version: z.string(),
  enrolled: z.boolean(),
  policyVersion: z.number().int().nullable(),
  queued: z.number().int(),
  recent: z.array(z.object({ host: z.string(), appId: z.string(), at: z.number() })),
  /** Messages from the tenant's reviewers, newest first (opening the popup marks them read). */
  notices: z.array(DeviceNotice).default([]),
});
export type Status = z.infer<typeof Status>;

/** Returns the message when it is one of ours, otherwise undefined. */
export function parseMessage(raw: unknown): Message | undefined {
  const r = Message.safeParse(raw);
  return r.success ? r.data : undefined;
}
