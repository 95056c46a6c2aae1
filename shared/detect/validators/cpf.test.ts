import { describe, expect, it } from 'vitest';
import { cpfValid } from './cpf.ts';

describe('cpfValid', () => {
  it.each(['123.456.789-09', '12345678909', '529.982.247-25', '000.000.001-91', '111.444.777-35'])('accepts %s', (v) => {
    expect(cpfValid(v)).toBe(true);
  });

  it.each([
    ['first check digit wrong', '123.456.789-19'],
    ['second check digit wrong', '123.456.789-00'],
    ['all the same digit', '111.111.111-11'],
    ['all zeros', '00000000000'],
    ['ten digits', '1234567890'],
    ['twelve digits', '123456789090'],
  ])('rejects %s', (_why, v) => {
    expect(cpfValid(v)).toBe(false);
  });
});
