import { describe, expect, it } from 'vitest';
import { ninoPrefixValid, ninoSuffixValid } from './nino.ts';

describe('nino rules', () => {
  it.each(['AB', 'CE', 'JG', 'NA', 'ZA', 'OA', 'WP'])('accepts prefix %s', (p) => {
    expect(ninoPrefixValid(p)).toBe(true);
  });

  it.each([
    ['D first', 'DA'],
    ['F second', 'AF'],
    ['I', 'IA'],
    ['Q', 'QQ'],
    ['U', 'AU'],
    ['V', 'VA'],
    ['O second', 'AO'],
    ['BG', 'BG'],
    ['GB', 'GB'],
    ['NK', 'NK'],
    ['KN', 'KN'],
    ['TN', 'TN'],
    ['NT', 'NT'],
    ['ZZ', 'ZZ'],
    ['lower case', 'ab'],
    ['digit', 'A1'],
    ['too short', 'A'],
  ])('rejects %s', (_why, p) => {
    expect(ninoPrefixValid(p)).toBe(false);
  });

  it('reads the prefix at an offset', () => {
    expect(ninoPrefixValid('NI: AB 12 34 56 C', 4)).toBe(true);
    expect(ninoPrefixValid('NI: QQ 12 34 56 C', 4)).toBe(false);
  });

  it('accepts suffixes A-D only', () => {
    expect([...'ABCDEZ'].map((c) => ninoSuffixValid(c.charCodeAt(0)))).toEqual([true, true, true, true, false, false]);
  });
});
