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
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['bad checksum', 'Routing 021000022'],
    ['unassigned prefix', 'Routing 131000020'],
    ['no label', '261073025'],
    ['all zeros', 'ABA 000000000'],
    ['ten digits', 'Routing 0210000210'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and correct on 200 KB of near-matches', () => {
    const text = adversarialText('routing 021000022 131000020 ', 200_000);
    expect(scan(`${text} routing 261073025`)).toEqual(['261073025']);
  });
});
