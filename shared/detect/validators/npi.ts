import { luhnSum } from './luhn.ts';

/**
 * The Luhn sum of the NPI prefix `80840` (the ISO health-industry issuer number) in the positions it
 * takes in front of a 10-digit NPI: 0 + 8 + 8 + 0 + 8 (the 4 and the inner 0 are doubled).
 */
const PREFIX_SUM = 24;

/**
 * US National Provider Identifier: exactly 10 digits in `s[start, end)` (other characters skipped),
 * the first one 1 or 2, and Luhn-valid when `80840` is put in front.
 *
 * @example
 * npiValid('1234567893') // true
 * npiValid('1234567890') // false
 */
export function npiValid(s: string, start = 0, end = s.length): boolean {
  let n = 0;
  let first = -1;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    if (n === 0) first = c - 48;
    n++;
  }
  if (n !== 10 || (first !== 1 && first !== 2)) return false;
  return (PREFIX_SUM + luhnSum(s, start, end)) % 10 === 0;
}
