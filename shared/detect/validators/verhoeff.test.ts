import { describe, expect, it } from 'vitest';
import { verhoeffCheckDigit, verhoeffValid } from './verhoeff.ts';

describe('verhoeff', () => {
  it.each([
    '2363',
    '758722',
    '1428570',
    '2345 6789 0124',
    // The fifth digit from the right is 6, 7 or 8: the permutation row that only these digits
    // exercise (check digits computed independently of this module).
    '7482 3376 5235',
    '8835 3827 5282',
    '2524 6848 6434',
  ])('accepts %s', (v) => {
    expect(verhoeffValid(v)).toBe(true);
  });

  it.each(['2364', '758723', '1428571', '2345 6789 0123', '7482 3376 5236', '8835 3827 5281', '', '7'])('rejects %j', (v) => {
    expect(verhoeffValid(v)).toBe(false);
  });

  it('computes check digits', () => {
    expect(verhoeffCheckDigit('236')).toBe(3);
    expect(verhoeffCheckDigit('75872')).toBe(2);
    expect(verhoeffCheckDigit('142857')).toBe(0);
  });

  it('agrees with a reference built from the definition (row k of P is p applied k times)', () => {
    const d5 = (a: number, b: number): number => {
      // D5 as in Verhoeff's paper: rotations 0-4, reflections 5-9.
      if (a < 5 && b < 5) return (a + b) % 5;
      if (a < 5) return 5 + ((a + b - 5) % 5);
      if (b < 5) return 5 + ((a - 5 - b + 5) % 5);
      return (a - b + 5) % 5;
    };
    const p1 = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4];
    const perm = (k: number, d: number): number => {
      let x = d;
      for (let i = 0; i < k; i++) x = p1[x] as number;
      return x;
    };
    const reference = (digits: string): boolean => {
      let c = 0;
      for (let i = 0; i < digits.length; i++) c = d5(c, perm(i % 8, Number(digits[digits.length - 1 - i])));
      return c === 0;
    };
    let seed = 12345;
    for (let n = 0; n < 500; n++) {
      let v = '';
      for (let i = 0; i < 12; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        v += String(seed % 10);
      }
      expect(verhoeffValid(v)).toBe(reference(v));
      expect(reference(`${v.slice(0, 11)}${verhoeffCheckDigit(v.slice(0, 11))}`)).toBe(true);
    }
  });

  it('catches every single-digit error and adjacent swap', () => {
    const payload = '49837261507';
    const good = `${payload}${verhoeffCheckDigit(payload)}`;
    expect(verhoeffValid(good)).toBe(true);
    for (let i = 0; i < good.length; i++) {
      for (let d = 0; d < 10; d++) {
        if (String(d) !== good[i]) expect(verhoeffValid(good.slice(0, i) + d + good.slice(i + 1))).toBe(false);
      }
      if (i + 1 < good.length && good[i] !== good[i + 1]) {
        expect(verhoeffValid(good.slice(0, i) + good[i + 1] + good[i] + good.slice(i + 2))).toBe(false);
      }
    }
  });
});
