import { describe, expect, it } from 'vitest';
import { verhoeffCheckDigit, verhoeffValid } from './verhoeff.ts';

describe('verhoeff', () => {
  it.each(['2363', '758722', '1428570', '2345 6789 0124'])('accepts %s', (v) => {
    expect(verhoeffValid(v)).toBe(true);
  });

  it.each(['2364', '758723', '1428571', '2345 6789 0123', '', '7'])('rejects %j', (v) => {
    expect(verhoeffValid(v)).toBe(false);
  });

  it('computes check digits', () => {
    expect(verhoeffCheckDigit('236')).toBe(3);
    expect(verhoeffCheckDigit('75872')).toBe(2);
    expect(verhoeffCheckDigit('142857')).toBe(0);
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
