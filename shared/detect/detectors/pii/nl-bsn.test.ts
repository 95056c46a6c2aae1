import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { scanWith } from '../../testing.ts';
import { nlBsn } from './nl-bsn.ts';

const scan = scanWith(nlBsn);

describe('nl_bsn', () => {
  it.each([
    ['BSN: 111222333', '111222333'],
    ['burgerservicenummer 2837.56.196', '2837.56.196'],
    ['Sofinummer 604 139 275', '604 139 275'],
    ['bsn=730182642;', '730182642'],
    ['730182642 (BSN)', '730182642'],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['fails the 11-test', 'BSN 111222334'],
    ['no label', '283756196'],
    ['all zeros', 'BSN 000000000'],
    ['label too far away', `BSN ${'x'.repeat(60)} 283756196`],
    ['ten digits', 'BSN 2837561960'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and correct on 200 KB of near-matches', () => {
    const text = adversarialText('BSN 111222334 ', 200_000);
    expect(scan(`${text} BSN 283756196`)).toEqual(['283756196']);
  });
});
