import { describe, expect, it } from 'vitest';
import { luhnValid } from './luhn.ts';
import { npiValid } from './npi.ts';

describe('npiValid', () => {
  // CMS's published example NPI and made-up values with computed check digits.
  it.each(['1234567893', '1245319599', '2000000002', '1000000004'])('accepts %s', (v) => {
    expect(npiValid(v)).toBe(true);
  });

  it.each([
    ['bad check digit', '1234567890'],
    ['starts with 3', '3234567891'],
    ['nine digits', '123456789'],
    ['eleven digits', '12345678931'],
    ['empty', ''],
  ])('rejects %s', (_why, v) => {
    expect(npiValid(v)).toBe(false);
  });

  it('is Luhn over 80840 plus the NPI', () => {
    for (const v of ['1234567893', '1234567890', '1245319599', '2987654321']) {
      expect(npiValid(v)).toBe(luhnValid(`80840${v}`));
    }
  });
});
