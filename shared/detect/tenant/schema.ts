import { z } from 'zod';

/**
 * Tenant-defined detectors, as they appear in a tenant's policy. Their findings are reported as
 * `tenant:<id>`. This schema is part of the signed policy document, so changes need a policy
 * schema migration.
 */
const DetectorId = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'lower-case letters, digits, _ . - (max 64)');
const Base = {
  id: DetectorId,
  name: z.string().min(1).max(200),
  /** Confidence given to each match; compared with the policy's threshold like built-in types. */
  confidence: z.number().min(0).max(1).default(0.9),
};

/** A list of words or phrases, matched literally. */
export const KeywordDetector = z.object({
  kind: z.literal('keywords'),
  ...Base,
  words: z.array(z.string().trim().min(2).max(200)).min(1).max(10_000),
  caseSensitive: z.boolean().default(false),
  /** Match only at word boundaries (`Falcon` does not match inside `Falconer`). */
  wholeWord: z.boolean().default(true),
});

/** A regular expression in RE2 syntax, run on a linear-time engine. */
export const RegexDetector = z.object({
  kind: z.literal('regex'),
  ...Base,
  pattern: z.string().min(1).max(2000),
  caseInsensitive: z.boolean().default(false),
});

/**
 * Exact data match: the tenant uploads salted hashes of its own sensitive values; the device hashes
 * normalized token sequences of the text and looks them up, without ever holding the plain list.
 * hash = hex(SHA-256(salt || 0x00 || normalized value)), see `shared/detect/tenant/edm.ts`.
 */
export const ExactDataDetector = z.object({
  kind: z.literal('edm'),
  ...Base,
  /** Per-detector random salt, hex, at least 16 bytes. */
  salt: z.string().regex(/^[0-9a-f]{32,128}$/, 'hex, 16 to 64 bytes'),
  /** How values and text are normalized before hashing. */
  normalize: z.enum(['exact', 'casefold', 'alnum']).default('casefold'),
  /** The longest value in tokens (a value of 3 words needs 3). */
  maxTokens: z.number().int().min(1).max(8).default(3),
  hashes: z
    .array(z.string().regex(/^[0-9a-f]{64}$/, 'hex SHA-256'))
    .min(1)
    .max(2_000_000),
  /**
   * Optional prefilter: a salted 32-bit polynomial-hash fingerprint of each normalized value (see
   * `fingerprint` in `edm.ts`; `buildExactDataDetector` fills it). With it the device hashes only the
   * few token sequences whose fingerprint is listed (tens of MB/s); without it, every sequence
   * (about 0.5 MB/s). It reveals no more than the salted hashes already do.
   */
  fingerprints: z.array(z.number().int().min(0).max(0xffffffff)).max(2_000_000).default([]),
});

export const TenantDetector = z.discriminatedUnion('kind', [KeywordDetector, RegexDetector, ExactDataDetector]);
export type TenantDetector = z.infer<typeof TenantDetector>;
export type TenantDetectorInput = z.input<typeof TenantDetector>;
