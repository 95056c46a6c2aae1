import { describe, expect, it } from 'vitest';
import { abaPrefixValid, abaValid } from './aba.ts';

describe('abaValid', () => {
  it.each(['021000021', '011000015', '122105155', '322271627', '000000518', '063100277'])('accepts %s', (v) => {
    expect(abaValid(v)).toBe(true);
  });

  it.each([
    ['bad checksum', '021000022'],
    ['prefix 13 is unassigned', '131000020'],
    ['prefix 50 is unassigned', '501000015'],
    ['all zeros', '000000000'],
    ['eight digits', '02100002'],
    ['ten digits', '0210000210'],
  ])('rejects %s', (_why, v) => {
    expect(abaValid(v)).toBe(false);
  });

  it('knows the assigned prefix ranges', () => {
    const valid = Array.from({ length: 100 }, (_, p) => p).filter(abaPrefixValid);
    expect(valid).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71,
      72, 80,
    ]);
  });
});
