import { describe, expect, it } from 'vitest';
import { DNI_LETTERS, dniCheckLetter, dniValid } from './dni.ts';

describe('dni / nie', () => {
  it.each(['12345678Z', '12345678-Z', '00000000T', '87654321X', 'X1234567L', 'Y1234567X', 'Z1234567R', 'X-1234567-L'])(
    'accepts %s',
    (v) => {
      expect(dniValid(v)).toBe(true);
    },
  );

  it.each([
    ['wrong letter', '12345678A'],
    ['NIE wrong letter', 'X1234567A'],
    ['NIE with 8 digits', 'X12345678Z'],
    ['seven digits', '1234567Z'],
    ['no letter', '12345678'],
    ['lower case', '12345678z'],
    ['bad NIE prefix', 'W1234567L'],
  ])('rejects %s', (_why, v) => {
    expect(dniValid(v)).toBe(false);
  });

  it('indexes the letter table by the number mod 23', () => {
    for (let n = 0; n < 23; n++) {
      const digits = String(23_000_000 + n).padStart(8, '0');
      expect(String.fromCharCode(dniCheckLetter(digits))).toBe(DNI_LETTERS[n]);
    }
  });
});
