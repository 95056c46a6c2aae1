import { describe, expect, it } from 'vitest';
import { scanWith } from '../../testing.ts';
import { awsAccessKey } from './aws-access-key.ts';

const scan = scanWith(awsAccessKey);

describe('aws_access_key', () => {
  it.each([
    ['aws_access_key_id = AKIA2E7AKF3BZ44CQ7W6', 'AKIA2E7AKF3BZ44CQ7W6'],
    ['export AWS_ACCESS_KEY_ID=ASIAY34FZKBOKMUTVV7A', 'ASIAY34FZKBOKMUTVV7A'],
    ['"AccessKeyId": "AKIAZ7VQK3LMT2QRXBUS"', 'AKIAZ7VQK3LMT2QRXBUS'],
    // three equal characters in a row happen in random ids
    ['key = AKIAQ4WWW7M2HTR5BXJD', 'AKIAQ4WWW7M2HTR5BXJD'],
    ['aws_access_key_id=ASIA6P3MRTQ2VV7KXN4E # temporary', 'ASIA6P3MRTQ2VV7KXN4E'],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['documented example', 'AKIAIOSFODNN7EXAMPLE'],
    ['too short', 'AKIA2E7AKF3BZ44CQ7W'],
    ['glued to a longer word', 'XAKIA2E7AKF3BZ44CQ7W6'],
    ['too long', 'AKIA2E7AKF3BZ44CQ7W61'],
    ['lower case', 'akia2e7akf3bz44cq7w6'],
    ['contains 0/1/8/9 outside base-32', 'AKIA0000000000000000'],
    ['x filler', 'export AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX'],
    ['z filler', 'AKIAZZZZZZZZZZZZZZZZ'],
    ['alphabet filler', 'aws_access_key_id = AKIAABCDEFGHIJKLMNOP'],
    ['filler word', 'AWS_ACCESS_KEY_ID=AKIAYOURACCESSKEY234'],
    ['two characters repeated', 'AKIAABABABABABABABAB'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });
});
