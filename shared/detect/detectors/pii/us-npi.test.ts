import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { scanWith } from '../../testing.ts';
import { usNpi } from './us-npi.ts';

const scan = scanWith(usNpi);

describe('us_npi', () => {
  it.each([
    ['NPI: 1234567893', '1234567893'],
    ['Provider 1982736450', '1982736450'],
    ['npi=2764503811,', '2764503811'],
    ['Prescriber NPI 1509382747', '1509382747'],
    ['patient,npi,visit\nBo Lind,1982736450,2024-03-02', '1982736450'],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['bad check digit', 'NPI 1234567890'],
    ['starts with 3', 'NPI 3234567891'],
    ['no label (a Unix timestamp, say)', '1982736450'],
    ['nine digits', 'NPI 123456789'],
    ['eleven digits', 'NPI 12345678931'],
    ['dashed', 'NPI 123-456-7893'],
    ['another column', 'patient,ts,visit\nBo Lind,1982736450,2024-03-02'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and correct on 200 KB of near-matches', () => {
    const text = adversarialText('NPI 1234567890 3234567891 ', 200_000);
    expect(scan(`${text} NPI 1982736450`)).toEqual(['1982736450']);
  });
});
