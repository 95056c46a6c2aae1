/**
 * The `mask` operator: replaces a value by a masked form that still tells the reader what it was
 * (`**** **** **** 1111`, `j***@acme.example`, `ghp_****`). One-way: nothing is kept to restore it.
 *
 * Every style reveals only pieces of the value itself (separators, the last 4 characters, a known
 * prefix, an e-mail domain) and always hides a part of it, so the whole value never survives.
 */
import type { FindingType } from '../detect/types.ts';

/** What a fully masked value becomes: fixed length, so the length of secrets does not leak. */
export const FULL_MASK = '****';

/**
 * How a type is masked:
 * - `last4`: ids and numbers. Separators (blanks, ASCII punctuation) stay, every other character
 *   becomes `*`, except the last 4 when at least 8 are masked-able (`***-**-6789`). Fewer than 8:
 *   all masked (`***-****`); fewer than 4: {@link FULL_MASK}.
 * - `email`: first character of the local part, `***`, then `@domain` (`j***@acme.example`).
 * - `secret`: the well-known prefix of the key format plus {@link FULL_MASK} (`ghp_****`,
 *   `postgres://****`); private keys keep their BEGIN/END lines. Only when at least 8 characters
 *   stay hidden; otherwise {@link FULL_MASK}.
 * - `full`: {@link FULL_MASK} (passwords, AWS secret keys, tenant types, anything unknown).
 */
export type MaskStyle = 'last4' | 'email' | 'secret' | 'full';

const LAST4_TYPES: ReadonlySet<string> = new Set<FindingType>([
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
 * Known prefixes (and the private-key END line) that are shown: they say which kind of secret it
 * was, which is what a reader needs, and carry no secret bits. All are bounded, anchored patterns.
 */
const SECRET_PREFIX: Readonly<Partial<Record<string, RegExp>>> = {
  aws_access_key: /^(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)/,
  github_token: /^(?:gh[pousr]_|github_pat_)/,
  gitlab_token: /^gl[a-z]{1,6}-/,
  slack_token: /^xox[a-z]-/,
  slack_webhook: /^https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\//,
  stripe_key: /^[rs]k_(?:live|test)_/,
  openai_key: /^sk-(?:proj-|svcacct-|admin-)?/,
  anthropic_key: /^sk-ant-(?:[a-z]{2,8}\d{2}-)?/,
  google_api_key: /^AIza/,
  huggingface_token: /^hf_/,
  npm_token: /^npm_/,
  sendgrid_key: /^SG\./,
  jwt: /^eyJ/,
  private_key: /^-----BEGIN [A-Z0-9 ]{1,40}-----/,
  connection_string: /^[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\//,
};
const PRIVATE_KEY_END = /-----END [A-Z0-9 ]{1,40}-----\s*$/;

/** At least this many characters of a secret stay hidden, else it is fully masked. */
const MIN_HIDDEN = 8;

/** The mask style used for a type (see {@link MaskStyle}). */
export function maskStyle(type: FindingType): MaskStyle {
  if (LAST4_TYPES.has(type)) return 'last4';
  if (type === 'email') return 'email';
  if (SECRET_PREFIX[type] !== undefined) return 'secret';
  return 'full';
}

/**
 * Masks one value of a given type.
 *
 * `strict` is set when the value is the union of overlapping findings: the style of one type could
 * then reveal the value of another (an e-mail domain that is also a phone number), so nothing is
 * shown.
 *
 * @example
 * mask('4111 1111 1111 1111', 'credit_card') // '**** **** **** 1111'
 * mask('jane.doe@acme.example', 'email')     // 'j***@acme.example'
 * mask('ghp_' + 'a'.repeat(36), 'github_token') // 'ghp_****'
 * mask('hunter2!', 'password')               // '****'
 */
export function mask(value: string, type: FindingType, strict = false): string {
  if (strict) return FULL_MASK;
  switch (maskStyle(type)) {
    case 'last4':
      return maskKeepLast4(value);
    case 'email':
      return maskEmail(value);
    case 'secret':
      return maskSecret(value, type);
    default:
      return FULL_MASK;
  }
}

/** Blanks and ASCII punctuation: the grouping of a number, kept so the mask reads like the value. */
function isSeparator(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === 0x0a ||
    c === 0x0d ||
    c === 0xa0 ||
    (c >= 0x21 && c <= 0x2f) ||
    (c >= 0x3a && c <= 0x40) ||
    (c >= 0x5b && c <= 0x60) ||
    (c >= 0x7b && c <= 0x7e) ||
    (c >= 0x2000 && c <= 0x2015) ||
    c === 0x202f
  );
}

function maskKeepLast4(value: string): string {
  // Count by code point so a surrogate pair is one character and is never split.
  let maskable = 0;
  for (const ch of value) if (!isSeparator(ch.charCodeAt(0))) maskable++;
  if (maskable < 4) return FULL_MASK;
  const keepFrom = maskable >= 8 ? maskable - 4 : maskable;
  let out = '';
  let seen = 0;
  for (const ch of value) {
    if (isSeparator(ch.charCodeAt(0))) out += ch;
    else out += seen++ >= keepFrom ? ch : '*';
  }
  return out;
}

function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return FULL_MASK;
  const first = String.fromCodePoint(value.codePointAt(0) as number);
  // A one-character local part would be revealed whole: hide it too.
  return (first.length < at ? first : '') + '***' + value.slice(at);
}

function maskSecret(value: string, type: FindingType): string {
  const prefix = SECRET_PREFIX[type]?.exec(value)?.[0] ?? '';
  // The END line is looked for only in the tail, so a long key costs no scan of its body.
  const tail = type === 'private_key' ? value.slice(-80) : '';
  const suffix = tail ? (PRIVATE_KEY_END.exec(tail)?.[0] ?? '') : '';
  if (value.length - prefix.length - suffix.length < MIN_HIDDEN) return FULL_MASK;
  return prefix + FULL_MASK + suffix;
}
