/**
 * UK National Insurance number rules (HMRC): two prefix letters, six digits, a suffix A-D.
 * Neither prefix letter is D, F, I, Q, U or V; the second is not O; the prefixes BG, GB, NK, KN,
 * TN, NT and ZZ are never allocated (TN is used for temporary numbers, ZZ in examples).
 */

function letter(c: number): boolean {
  return c >= 65 && c <= 90;
}

// D F I Q U V as a bit set over A..Z.
const NEVER = (1 << 3) | (1 << 5) | (1 << 8) | (1 << 16) | (1 << 20) | (1 << 21);
const BAD_PAIRS: ReadonlySet<string> = new Set(['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ']);

/**
 * True when the two upper-case letters at `s[at]`, `s[at + 1]` form an allocatable NINO prefix.
 *
 * @example
 * ninoPrefixValid('AB') // true
 * ninoPrefixValid('QQ') // false
 */
export function ninoPrefixValid(s: string, at = 0): boolean {
  const a = s.charCodeAt(at);
  const b = s.charCodeAt(at + 1);
  if (!letter(a) || !letter(b)) return false;
  if ((NEVER >> (a - 65)) & 1 || (NEVER >> (b - 65)) & 1 || b === 79) return false;
  return !BAD_PAIRS.has(s.slice(at, at + 2));
}

/** True for a NINO suffix letter (char code of A, B, C or D). */
export function ninoSuffixValid(c: number): boolean {
  return c >= 65 && c <= 68;
}
