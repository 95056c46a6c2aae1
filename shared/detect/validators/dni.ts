/**
 * Spanish DNI / NIE check letter: the number mod 23 indexes `TRWAGMYFPDXBNJZSQVHLCKE`. A DNI is
 * 8 digits plus the letter; a NIE is X, Y or Z (standing for 0, 1, 2 in front) plus 7 digits and
 * the letter.
 */

/** The check letters, indexed by the number mod 23. */
export const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/**
 * The char code of the check letter for the digits of `s[start, end)` (other characters skipped),
 * with `lead` (0, 1, 2 for a NIE's X, Y, Z) put in front as the highest digit.
 *
 * @example
 * String.fromCharCode(dniCheckLetter('12345678')) // 'Z'
 * String.fromCharCode(dniCheckLetter('1234567', 0, 7, 0)) // 'L' (NIE X1234567L)
 */
export function dniCheckLetter(s: string, start = 0, end = s.length, lead = 0): number {
  let r = lead;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d >= 0 && d <= 9) r = (r * 10 + d) % 23;
  }
  return DNI_LETTERS.charCodeAt(r);
}

const DNI = /^(\d{8})-?([A-Z])$/;
const NIE = /^([XYZ])-?(\d{7})-?([A-Z])$/;

/**
 * True for a DNI (`12345678Z`, `12345678-Z`) or NIE (`X1234567L`, `X-1234567-L`) with the right
 * check letter.
 *
 * @example
 * dniValid('12345678Z') // true
 * dniValid('X1234567L') // true
 * dniValid('12345678A') // false
 */
export function dniValid(value: string): boolean {
  const d = DNI.exec(value);
  if (d) return dniCheckLetter(d[1] as string) === (d[2] as string).charCodeAt(0);
  const n = NIE.exec(value);
  if (!n) return false;
  const lead = (n[1] as string).charCodeAt(0) - 88;
  return dniCheckLetter(n[2] as string, 0, 7, lead) === (n[3] as string).charCodeAt(0);
}
