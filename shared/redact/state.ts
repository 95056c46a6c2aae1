/**
 * Per-conversation redaction state. Plain JSON, so the extension can keep one per conversation in
 * `storage.session` (memory only, on the device, gone when the browser closes). It is never sent
 * to the server: `value` holds the original sensitive text.
 */
import { z } from 'zod';
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import { FindingTypeSchema } from '../detect/schema.ts';

export const REDACTION_STATE_VERSION = 1;

/** One placeholder issued in this conversation. */
export const PlaceholderEntry = z.strictObject({
  /** The exact placeholder text, e.g. `[EMAIL_1]`. */
  placeholder: z.string().min(3),
  type: FindingTypeSchema,
  /**
   * The original value, kept only for `pseudonymize` so {@link restore} can put it back.
   * Absent for `placeholder`, which keeps only {@link PlaceholderEntry.hash}.
   */
  value: z.string().optional(),
  /**
   * Salted SHA-256 (first 128 bits, hex) of type and value, so the same value gets the same
   * placeholder again without the value being stored. Set for `placeholder` entries.
   */
  hash: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
});
export type PlaceholderEntry = z.infer<typeof PlaceholderEntry>;

export const RedactionState = z.strictObject({
  version: z.literal(REDACTION_STATE_VERSION),
  /** Random per conversation; salts {@link PlaceholderEntry.hash}. */
  salt: z.string().regex(/^[0-9a-f]{16,128}$/),
  /** Last number issued per placeholder label (`EMAIL` -> 3 after `[EMAIL_3]`). */
  counters: z.record(z.string(), z.number().int().min(0)),
  /** Issued placeholders, in the order they were issued. Placeholders are unique. */
  entries: z.array(PlaceholderEntry),
  /**
   * Placeholder-shaped text that appeared in the conversation but was not issued by us (typed or
   * pasted by the user, written by the AI). Never issued later, never replaced by `restore`.
   */
  reserved: z.array(z.string()),
});
export type RedactionState = z.infer<typeof RedactionState>;

/**
 * A fresh state for a new conversation.
 *
 * @param salt hex, 16 to 128 digits; by default 16 random bytes from the platform's CSPRNG. Pass
 *   one only for reproducible tests.
 */
export function createRedactionState(salt: string = bytesToHex(randomBytes(16))): RedactionState {
  return RedactionState.parse({ version: REDACTION_STATE_VERSION, salt, counters: {}, entries: [], reserved: [] });
}
