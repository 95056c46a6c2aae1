/**
 * Luhn (mod 10) checksum, used by payment cards, Canadian SINs, IMEIs and (with a prefix) US NPIs.
 *
 * The functions read the digits of `s` between `start` and `end` and skip every other character, so
 * a recognizer can check `4111 1111 1111 1111` where it stands in the text without copying it.
 */

/**
 * The Luhn sum of the digits in `s[start, end)`: from the rightmost digit, every second digit is
 * doubled (minus 9 when above 9). A number is valid when the sum is a multiple of 10.
 *
 * @example
 * luhnSum('79927398713') % 10 // 0
 */
export function luhnSum(s: string, start = 0, end = s.length): number {
  let sum = 0;
  let double = false;
  for (let i = end - 1; i >= start; i--) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) continue;
    if (double) sum += d > 4 ? d * 2 - 9 : d * 2;
    else sum += d;
    double = !double;
  }
  return sum;
}

/**
 * True when the digits in `s[start, end)` (at least two) pass the Luhn check.
 *
 * @example
 * luhnValid('4111 1111 1111 1111') // true
 * luhnValid('4111 1111 1111 1112') // false
 */
export function luhnValid(s: string, start = 0, end = s.length): boolean {
  let n = 0;
  for (let i = start; i < end && n < 2; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n >= 2 && luhnSum(s, start, end) % 10 === 0;
}

/**
 * The digit that makes `payload + digit` Luhn-valid (for building synthetic test values).
 *
 * @example
 * luhnCheckDigit('411111111111111') // 1
 */
export function luhnCheckDigit(payload: string): number {
  // Appending a 0 puts the payload digits in their final positions.
  return (10 - (luhnSum(`${payload}0`) % 10)) % 10;
}
