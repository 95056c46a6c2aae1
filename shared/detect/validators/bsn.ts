/**
 * Dutch BSN (burgerservicenummer) "11-test": nine digits d1..d9 with
 * `9*d1 + 8*d2 + ... + 2*d8 - 1*d9` divisible by 11. About one random 9-digit number in eleven
 * passes, so the check alone proves little; recognizers need context words as well.
 */

/**
 * True when `s[start, end)` holds exactly 9 digits (other characters skipped), not all zero, that
 * pass the BSN 11-test.
 *
 * @example
 * bsnValid('111222333') // true
 * bsnValid('111222334') // false
 */
export function bsnValid(s: string, start = 0, end = s.length): boolean {
  let n = 0;
  let sum = 0;
  let nonZero = false;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) continue;
    if (d !== 0) nonZero = true;
    sum += n < 8 ? d * (9 - n) : -d;
    n++;
  }
  return n === 9 && nonZero && sum % 11 === 0;
}
