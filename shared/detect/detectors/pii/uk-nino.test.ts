import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { scanWith } from '../../testing.ts';
import { ukNino } from './uk-nino.ts';

const scan = scanWith(ukNino);

describe('uk_nino', () => {
  it.each([
    ['NI number: AB 12 34 56 C', 'AB 12 34 56 C'],
    ['JG103759A', 'JG103759A'],
    ['nino=CE 485726 D', 'CE 485726 D'],
    ['(WP 82 61 04 B)', 'WP 82 61 04 B'],
    ['National Insurance number AB 12 34 56', 'AB 12 34 56'],
    ['NINO: JG103759', 'JG103759'],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['D prefix', 'DA 12 34 56 C'],
    ['F second', 'AF 12 34 56 C'],
    ['I, Q, U, V', 'QI 12 34 56 C'],
    ['O second', 'AO 12 34 56 C'],
    ['BG', 'BG 12 34 56 C'],
    ['GB', 'GB123456C'],
    ['NK', 'NK 12 34 56 A'],
    ['KN', 'KN 12 34 56 A'],
    ['TN', 'TN 12 34 56 A'],
    ['NT', 'NT 12 34 56 A'],
    ['ZZ', 'ZZ 12 34 56 A'],
    ['suffix E', 'AB 12 34 56 E'],
    ['no suffix, no label', 'AB 12 34 56'],
    ['lower case', 'ab 12 34 56 c'],
    ['seven digits', 'AB 1234567 C'],
    ['glued to a word', 'XAB123456C'],
    ['longer number', 'AB 12 34 56 78 C'],
    ['odd grouping', 'AB 1234 56 C'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and correct on 200 KB of near-matches', () => {
    const text = adversarialText('AB 12 34 56, QQ 12 34 56 C AB1234567 ', 200_000);
    expect(scan(`${text} JG103759A`)).toEqual(['JG103759A']);
  });
});
