/**
 * US ABA routing transit number: nine digits with `3*(d1+d4+d7) + 7*(d2+d5+d8) + (d3+d6+d9)`
 * divisible by 10, and a first pair in the ranges the Federal Reserve assigns: 00 (US government),
 * 01-12 (banks), 21-32 (thrifts), 61-72 (electronic), 80 (traveler's cheques).
 */

const WEIGHTS = [3, 7, 1];

/** True for the first two digits of a routing number (as a number 0..99). */
export function abaPrefixValid(p: number): boolean {
  return p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p === 80;
}

/**
 * True when `s[start, end)` holds exactly 9 digits (other characters skipped), not all zero, with
 * a valid prefix and the 3-7-1 checksum.
 *
 * @example
 * abaValid('021000021') // true
 * abaValid('021000022') // false
 */
export function abaValid(s: string, start = 0, end = s.length): boolean {
  let n = 0;
  let sum = 0;
  let prefix = 0;
  let nonZero = false;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) continue;
    if (n < 2) prefix = prefix * 10 + d;
    if (d !== 0) nonZero = true;
    sum += d * (WEIGHTS[n % 3] as number);
    n++;
  }
  return n === 9 && nonZero && abaPrefixValid(prefix) && sum % 10 === 0;
}
