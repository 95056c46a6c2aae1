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
    ['dotted 4-2-3 is the BSN layout', 'Kopie: 4729.83.015', '4729.83.015'],
    ['column header', 'naam;bsn;plaats\nAnna de Vries;158204013;Utrecht', '158204013'],
    ['generic national-id word', 'Identity check: customer read out 248170016 for verification', '248170016'],
  ])('finds %j', (...row) => {
    const [text, value] = row.length === 3 ? row.slice(1) : row;
    expect(scan(text as string)).toEqual([value]);
  });

  it.each([
    ['fails the 11-test', 'BSN 111222334'],
    ['no label', '283756196'],
    ['all zeros', 'BSN 000000000'],
    ['label too far away', `BSN ${'x'.repeat(60)} 283756196`],
    ['ten digits', 'BSN 2837561960'],
    ['dotted, near an order word', 'Order 4729.83.015'],
    ['dotted, bad 11-test', '4729.83.016'],
    ['bare under another column', 'naam;klantnr;plaats\nAnna de Vries;158204013;Utrecht'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and correct on 200 KB of near-matches', () => {
    const text = adversarialText('BSN 111222334 ', 200_000);
    expect(scan(`${text} BSN 283756196`)).toEqual(['283756196']);
  });
});
