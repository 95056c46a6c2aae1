import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { scanWith } from '../../testing.ts';
import { inAadhaar } from './in-aadhaar.ts';

const scan = scanWith(inAadhaar);

describe('in_aadhaar', () => {
  it.each([
    ['Aadhaar: 4983 7261 5077', '4983 7261 5077'],
    ['aadhar no 739201648585', '739201648585'],
    ['UID 5820-4719-3626', '5820-4719-3626'],
    ['4983 7261 5077', '4983 7261 5077'],
    ['आधार 7392 0164 8585', '7392 0164 8585'],
    ['name,aadhaar,city\nRavi Iyer,738192640517,Pune', '738192640517'],
    ['"national_id": "560274139868"', '560274139868'],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['Verhoeff-invalid', 'Aadhaar 4983 7261 5078'],
    ['starts with 1', 'Aadhaar 1234 5678 9012'],
    ['starts with 0', 'Aadhaar 0983 7261 5077'],
    ['compact without a label', '498372615077'],
    ['inside a card-like run', '4983 7261 5077 1234'],
    ['eleven digits', 'Aadhaar 4983 7261 507'],
    ['invoice', 'invoice 4983 7261 5077'],
    ['compact under another column', 'name,account,city\nRavi Iyer,738192640517,Pune'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and correct on 200 KB of near-matches', () => {
    const text = adversarialText('4983 7261 5078, 1234 5678 9012 ', 200_000);
    expect(scan(`${text} 7392 0164 8585`)).toEqual(['7392 0164 8585']);
  });
});
