import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Finding } from './types.ts';

/** Types whose values are numbers or codes written with optional separators and any letter case. */
const CODE_TYPES = new Set([
  'credit_card',
  'iban',
  'us_ssn',
  'phone',
  'uk_nino',
  'ca_sin',
  'in_aadhaar',
  'br_cpf',
  'nl_bsn',
  'es_dni',
  'us_npi',
  'aba_routing',
]);

/**
 * The form of a matched value that is hashed, so one value written two ways counts as one:
 * e-mail addresses in lower case, numbers and national ids without blanks, dashes, dots and
 * slashes and in upper case; secrets exactly as written.
 */
export function normalizeValue(type: string, value: string): string {
  if (type === 'email') return value.trim().toLowerCase();
  if (CODE_TYPES.has(type)) return value.replace(/[\s.\-/()]/g, '').toUpperCase();
  return value.trim();
}

/**
 * HMAC-SHA-256 (hex) of each distinct matched value under the tenant's value-hash key (hex, from
 * enrollment). Reports count repeats of one value across users and devices with it; without the
 * key nobody can test a guess, and the value itself never leaves the device. Whole-text findings
 * (`source_code`, `confidential_marking`) have no single value and are skipped. At most `max`.
 *
 * @example
 * valueHashes('a@b.example', [{ type: 'email', start: 0, end: 11, confidence: 0.9 }], keyHex) // ['3f9c…']
 */
export function valueHashes(text: string, findings: readonly Finding[], keyHex: string, max = 256): string[] {
  const key = hexToBytes(keyHex);
  const out = new Set<string>();
  for (const f of findings) {
    if (out.size >= max) break;
    if (f.type === 'source_code' || f.type === 'confidential_marking') continue;
    const value = normalizeValue(f.type, text.slice(f.start, f.end));
    out.add(bytesToHex(hmac(sha256, key, utf8ToBytes(`${f.type}\u0000${value}`))));
  }
  return [...out];
}
