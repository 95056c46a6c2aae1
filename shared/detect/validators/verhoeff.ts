/**
 * Verhoeff checksum (dihedral group D5), used by Aadhaar numbers. Unlike Luhn it catches every
 * single-digit error and every swap of adjacent digits.
 */

// Multiplication table of D5.
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
].flat();

// Permutation applied to the digit in each position (cycle of 8).
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
].flat();

const INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

/** The Verhoeff state after the digits of `s[start, end)` (right to left), `offset` positions already taken. */
function state(s: string, start: number, end: number, offset: number): number {
  let c = 0;
  let pos = offset;
  for (let i = end - 1; i >= start; i--) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) continue;
    c = D[c * 10 + (P[(pos & 7) * 10 + d] as number)] as number;
    pos++;
  }
  return c;
}

/**
 * True when the digits of `s[start, end)` (at least two; other characters skipped) pass the
 * Verhoeff check.
 *
 * @example
 * verhoeffValid('2363') // true
 * verhoeffValid('2364') // false
 */
export function verhoeffValid(s: string, start = 0, end = s.length): boolean {
  let n = 0;
  for (let i = start; i < end && n < 2; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n >= 2 && state(s, start, end, 0) === 0;
}

/**
 * The check digit that makes `payload + digit` Verhoeff-valid (for building synthetic values).
 *
 * @example
 * verhoeffCheckDigit('236') // 3
 */
export function verhoeffCheckDigit(payload: string): number {
  return INV[state(payload, 0, payload.length, 1)] as number;
}
