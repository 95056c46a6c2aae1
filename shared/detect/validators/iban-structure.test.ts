import { describe, expect, it } from 'vitest';
import { BBAN_CLASSES, bbanFits } from './iban-structure.ts';
import { IBAN_LENGTHS } from './mod97.ts';

describe('BBAN structures', () => {
  it('add up to the registered IBAN length of each country', () => {
    for (const [cc, classes] of BBAN_CLASSES) expect([cc, 4 + classes.length]).toEqual([cc, IBAN_LENGTHS[cc]]);
  });

  it.each([
    ['GB', 'WEST 1234 5698 7654 32', true],
    ['NL', 'ABNA 0417 1643 00', true],
    ['NL', '3003 0A17 1643 00', false],
    ['BG', 'BNBG 9661 1020 3456 78', true],
    ['BG', 'BNBG 9661 1A20 3456 78', false],
    ['GI', 'NWBK 0000 0000 7099 453', true],
    ['GI', 'NW3K 0000 0000 7099 453', false],
    ['DE', '370400440532013000', true],
    ['DE', '37040044053201300', false],
    ['ZZ', 'anything', true],
  ] as const)('%s %s fits: %s', (cc, bban, fits) => {
    expect(bbanFits(cc, bban, 0, bban.length)).toBe(fits);
  });
});
