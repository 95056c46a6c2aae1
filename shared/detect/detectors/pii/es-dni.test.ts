import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { scanWith } from '../../testing.ts';
import { esDni } from './es-dni.ts';

const scan = scanWith(esDni);

describe('es_dni', () => {
  it.each([
    ['DNI 12345678Z', '12345678Z'],
    ['48372619P', '48372619P'],
    ['dni: 70293845-A', '70293845-A'],
    ['DNI 00871234 V', '00871234 V'],
    ['12.345.678-Z', '12.345.678-Z'],
    ['NIE X1234567L', 'X1234567L'],
    ['Y5938271F', 'Y5938271F'],
    ['nie: Z-0182736-Y', 'Z-0182736-Y'],
    ['2024-01-15 48372619P', '48372619P'],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['wrong letter', 'DNI 12345678A'],
    ['NIE wrong letter', 'X1234567A'],
    ['lower-case letter', '12345678z'],
    ['letter glued to a word', '12345678Zeta'],
    ['seven digits', '1234567Z'],
    ['nine digits', '123456789Z'],
    ['glued prefix', 'AX1234567L'],
    ['NIE with eight digits', 'X12345678Z'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and correct on 200 KB of near-matches', () => {
    const text = adversarialText('12345678A X1234567A 1234567Z ', 200_000);
    expect(scan(`${text} 48372619P`)).toEqual(['48372619P']);
  });
});
