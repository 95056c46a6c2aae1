import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { scanWith } from '../../testing.ts';
import { huggingfaceToken } from './huggingface-token.ts';

const scan = scanWith(huggingfaceToken);
const HF = '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';

describe('huggingface_token', () => {
  it.each([
    [`HF_TOKEN=${HF}`, HF],
    [`huggingface-cli login --token ${HF}`, HF],
    [`use_auth_token='${HF}')`, HF],
    [`-H "Authorization: Bearer ${HF}"`, HF],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['mask', 'hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['camelCase identifier of the same length', 'hf_requiredCharacteristicTypesForDi'],
    ['longer identifier', '- (id)hf_requiredCharacteristicTypesForDisplayMetadata;'],
    ['glued to a word', '_kHMSymptomhf_BIplqmydDJxsLsEEyotxnjzFJihqxoSnhE,'],
    ['digit in body', 'hf_BIplqmydDJxsLsEEyotxnjzFJihqxoSnh1'],
    ['too short', HF.slice(0, -1)],
    ['truncated', `${HF.slice(0, 12)}...`],
    ['docs placeholder', 'You should see a token hf_xxxxx in your settings'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and silent on 200 KB of near-matches', () => {
    expect(scan(adversarialText(`hf_ ${HF.slice(0, -1)} hf_${'aB'.repeat(17)}c hf_${'a'.repeat(34)} `, 200_000))).toEqual([]);
  });
});
