import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { scanWith } from '../../testing.ts';
import { iban } from './iban.ts';

const scan = scanWith(iban);

describe('iban', () => {
  it.each([
    ['IBAN: DE89 3704 0044 0532 0130 00.', 'DE89 3704 0044 0532 0130 00'],
    ['DE44500105175407324931', 'DE44500105175407324931'],
    ['pay to GB29 NWBK 6016 1331 9268 19 today', 'GB29 NWBK 6016 1331 9268 19'],
    ['GB82WEST12345698765432', 'GB82WEST12345698765432'],
    ['NL44RABO0123456789', 'NL44RABO0123456789'],
    ['(IT60 X054 2811 1010 0000 0123 456)', 'IT60 X054 2811 1010 0000 0123 456'],
    ['ES91 2100 0418 4502 0005 1332', 'ES91 2100 0418 4502 0005 1332'],
    ['iban=CH9300762011623852957', 'CH9300762011623852957'],
    ['DE89 370400440532013000', 'DE89 370400440532013000'],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['bad checksum', 'DE89 3704 0044 0532 0130 01'],
    ['wrong check digits', 'DE88370400440532013000'],
    ['too short', 'DE89 3704 0044 0532 0130 0'],
    ['too long', 'DE89370400440532013000123'],
    ['unknown country', 'QQ89370400440532013000'],
    ['glued to a word', 'XDE89370400440532013000'],
    ['lower case', 'de89 3704 0044 0532 0130 00'],
    ['grouped by three', 'DE89 370 400 440 532 013 000'],
    ['dashes', 'DE89-3704-0044-0532-0130-00'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and correct on 200 KB of near-matches', () => {
    const text = adversarialText('DE89 3704 0044 0532 0130 0, GB82 WEST ', 200_000);
    expect(scan(`${text} DE44500105175407324931`)).toEqual(['DE44500105175407324931']);
  });
});
