import { describe, expect, it } from 'vitest';
import { luhnCheckDigit, luhnSum, luhnValid } from './luhn.ts';

describe('luhn', () => {
  it.each(['79927398713', '4111111111111111', '4111 1111 1111 1111', '378282246310005', '046 454 286', '18'])('accepts %s', (v) => {
    expect(luhnValid(v)).toBe(true);
  });

  it.each(['79927398710', '4111111111111112', '4111 1111 1111 1121', '046 454 287', '0', '', 'abc'])('rejects %j', (v) => {
    expect(luhnValid(v)).toBe(false);
  });

  it('reads only the given range and skips separators', () => {
    const text = 'card: 4111-1111-1111-1111, done';
    expect(luhnValid(text, 6, 25)).toBe(true);
    expect(luhnValid(text, 6, 24)).toBe(false);
  });

  it('computes the digit that completes a payload', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(luhnCheckDigit('411111111111111')).toBe(1);
    for (const p of ['0', '12345', '99999999', '453201511283036']) {
      expect(luhnSum(`${p}${luhnCheckDigit(p)}`) % 10).toBe(0);
    }
  });

  it('catches every single-digit error', () => {
    const good = '4539578763621486';
    expect(luhnValid(good)).toBe(true);
    for (let i = 0; i < good.length; i++) {
      for (let d = 0; d < 10; d++) {
        if (String(d) === good[i]) continue;
        expect(luhnValid(good.slice(0, i) + d + good.slice(i + 1))).toBe(false);
      }
    }
  });
});
