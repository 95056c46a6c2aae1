import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { scanWith } from '../../testing.ts';
import { abaRouting } from './aba-routing.ts';

const scan = scanWith(abaRouting);

describe('aba_routing', () => {
  it.each([
    ['Routing: 021000021', '021000021'],
    ['ABA 261073025', '261073025'],
    ['RTN=311078394;', '311078394'],
    ['ACH transit number 261073025', '261073025'],
    ['routing_number,account\n311078394,12345\n', '311078394'],
    ['dashed 4-4-1 form', 'see 0612-0300-8 above', '0612-0300-8'],
  ])('finds %j', (...row) => {
    const [text, value] = row.length === 3 ? row.slice(1) : row;
    expect(scan(text as string)).toEqual([value]);
  });

  it.each([
    ['bad checksum', 'Routing 021000022'],
    ['unassigned prefix', 'Routing 131000020'],
    ['no label', '261073025'],
    ['all zeros', 'ABA 000000000'],
    ['ten digits', 'Routing 0210000210'],
    ['account number after the routing number', 'Direct deposit: ABA 06120300, acct 113904019'],
    ['dashed 4-4-1 with a bad checksum', '0612-0300-9'],
    ['dashed 4-4-1 as an order number', 'order 0612-0300-8'],
    ['another column', 'id,account\n58213,113904019'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('reads the column header for every row', () => {
    const text = 'id,routing_number,acct\n58213,113904019,12345678\n58214,061203008,87654321\n58215,061203011,1234';
    expect(scan(text)).toEqual(['113904019', '061203008', '061203011']);
  });

  it('stays linear and correct on 200 KB of near-matches', () => {
    const text = adversarialText('routing 021000022 131000020 ', 200_000);
    expect(scan(`${text} routing 261073025`)).toEqual(['261073025']);
  });
});
