import { describe, expect, it } from 'vitest';
import { IBAN_LENGTHS, ibanValid, mod97 } from './mod97.ts';

/** Puts correct check digits into `country + '00' + bban` (for building synthetic IBANs). */
function withCheckDigits(country: string, bban: string): string {
  const check = 98 - mod97(`${country}00${bban}`);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}

describe('IBAN mod 97', () => {
  it.each([
    'DE89370400440532013000',
    'DE89 3704 0044 0532 0130 00',
    'GB82 WEST 1234 5698 7654 32',
    'NL91ABNA0417164300',
    'FR14 2004 1010 0505 0001 3M02 606',
    'BE71 0961 2345 6769',
    'NO93 8601 1117 947',
    withCheckDigits('ES', '21000418450200051332'),
    withCheckDigits('CH', '00762011623852952'),
  ])('accepts %s', (v) => {
    expect(ibanValid(v)).toBe(true);
  });

  it.each([
    ['bad check digits', 'DE88 3704 0044 0532 0130 00'],
    ['one digit changed', 'DE89 3704 0044 0532 0130 01'],
    ['swapped digits', 'DE89 3704 0044 0532 0103 00'],
    ['too short for DE', 'DE89 3704 0044 0532 0130 0'],
    ['unknown country', withCheckDigits('XX', '370400440532013000')],
    ['right checksum, wrong length for the country', withCheckDigits('GB', '3704004405320130001')],
    ['lower case', 'gb82 west 1234 5698 7654 32'],
    ['punctuation', 'DE89-3704-0044-0532-0130-00'],
    ['letters in the check digits', 'DEAB370400440532013000'],
    ['empty', ''],
  ])('rejects %s', (_why, v) => {
    expect(ibanValid(v)).toBe(false);
  });

  it('reads only the given range', () => {
    const text = 'IBAN: DE89 3704 0044 0532 0130 00.';
    expect(ibanValid(text, 6, 33)).toBe(true);
    expect(ibanValid(text, 6, 32)).toBe(false);
  });

  it('lists plausible lengths', () => {
    for (const [country, len] of Object.entries(IBAN_LENGTHS)) {
      expect(country).toMatch(/^[A-Z]{2}$/);
      expect(len).toBeGreaterThanOrEqual(15);
      expect(len).toBeLessThanOrEqual(34);
    }
  });
});
