import { z } from 'zod';

const Hash = z.string().regex(/^[0-9a-f]{64}$/);

/** One audit record; `hash` = SHA-256 of the canonical JSON of all other fields (docs/server.md). */
export const AuditRecord = z.object({
  tenantId: z.uuid(),
  seq: z.number().int(),
  at: z.iso.datetime(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: Hash,
  hash: Hash,
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export const AuditQuery = z.strictObject({
  /** Records with seq greater than this (paging cursor). */
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

export const AuditPage = z.object({
  records: z.array(AuditRecord),
  /** Pass as `after` for the next page; null at the end. */
  next: z.number().int().nullable(),
});

export const AuditVerifyResponse = z.union([
  z.object({ ok: z.literal(true), records: z.number().int(), head: Hash }),
  z.object({ ok: z.literal(false), records: z.number().int(), brokenAt: z.object({ seq: z.number().int(), reason: z.string() }) }),
]);
