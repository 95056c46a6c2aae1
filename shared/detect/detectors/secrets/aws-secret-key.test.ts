import { describe, expect, it } from 'vitest';
import { ADVERSARIAL_UNITS, adversarialText } from '../../adversarial.ts';
import { DOCUMENTED_EXAMPLES } from '../../denylist.ts';
import { createScanner } from '../../engine.ts';
import { scanWith } from '../../testing.ts';
import { awsAccessKey } from './aws-access-key.ts';
import { ACCESS_KEY_ID_ANCHOR, awsSecretKey, SECRET_KEY_NAME_ANCHOR } from './aws-secret-key.ts';
import { password } from './password.ts';

const scan = scanWith(awsSecretKey);
// Synthetic: random base64 characters, not a live key.
const SECRET = 'h7Kd9Lm2Qp4Rs6Tu8Vw0Xy1Za3Bc5De7Fg9Hi2Jk';
const SECRET2 = 'Zr8/qW3+eT5yU7iO9pA1sD2fG4hJ6kL8zX0cV3bN';
const KEY_ID = 'AKIA2E7AKF3BZ44CQ7W6';

describe('aws_secret_key', () => {
  it('never reports a documented example secret (each contains EXAMPLE, which the randomness check rejects)', () => {
    const secrets = [...DOCUMENTED_EXAMPLES].filter((e) => e.length === 40);
    expect(secrets.length).toBeGreaterThan(0);
    for (const e of secrets) {
      expect(e.toLowerCase()).toContain('example');
      expect(scanWith(awsSecretKey)(`aws_secret_access_key = ${e}`)).toEqual([]);
    }
  });

  it.each([
    [`aws_secret_access_key = ${SECRET}`, SECRET],
    [`AWS_SECRET_ACCESS_KEY=${SECRET2}`, SECRET2],
    [`export AWS_SECRET_ACCESS_KEY="${SECRET}"`, SECRET],
    [`"SecretAccessKey": "${SECRET2}",`, SECRET2],
    [`aws_secret_key: '${SECRET}'`, SECRET],
    [`AWS_SECRET=${SECRET}`, SECRET],
    [`awsSecretKey := "${SECRET}"`, SECRET],
    [`AWS Secret Access Key [None]: ${SECRET}`, SECRET],
    // a generic key needs an access key id or "AWS" nearby
    [`aws:\n  access_key_id: ${KEY_ID}\n  secret_key: ${SECRET}`, SECRET],
    [`# AWS credentials\nsecret = "${SECRET2}"`, SECRET2],
    // no key at all, right after an access key id
    [`Access key ID,Secret access key\n${KEY_ID},${SECRET}`, SECRET],
    [`<AccessKeyId>ASIAY34FZKBOKMUTVV7A</AccessKeyId>\n<SecretAccessKey>${SECRET2}</SecretAccessKey>`, SECRET2],
    [`creds: ${KEY_ID} / ${SECRET}`, SECRET],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['no context', `token ${SECRET} here`],
    ['generic key without AWS context', `secret_key = ${SECRET}`],
    ['unrelated key', `checksum = ${SECRET}`],
    ['git SHA', 'aws_secret_access_key = 3f786850e387550fdab836ed7e6dc881de23001b'],
    ['upper-case hex', 'aws_secret_access_key = 3F786850E387550FDAB836ED7E6DC881DE23001B'],
    ['documented example', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['39 characters', `aws_secret_access_key = ${SECRET.slice(1)}`],
    ['41 characters', `aws_secret_access_key = ${SECRET}x`],
    ['part of a longer base64 blob', `aws_secret_access_key = ${SECRET}==`],
    ['no digits', 'aws_secret_access_key = hKdLmQpRsTuVwXyZaBcDeFgHiJkLmNoPqRsTuVwX'],
    ['low entropy', 'aws_secret_access_key = AbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAb12'],
    ['too far after the key id', `${KEY_ID}\n\n\n\n\n${SECRET}`],
    ['before the key id without a key', `${SECRET}\n${KEY_ID}`],
    ['session token after the key id', `${KEY_ID}\nFwoGZXIvYXdzEBYaDH7Kd9Lm2Qp4Rs6Tu8Vw0Xy1Za3Bc5De7Fg9Hi2JkQw8rT`],
    ['unterminated quote', `aws_secret_access_key = "${SECRET}`],
    ['filler word in mixed case', `aws_secret_access_key = ${SECRET.slice(0, 33)}Example`],
    ['mixed-case hex', 'aws_secret_access_key = 3f786850E387550fdab836ed7e6dc881de23001B'],
    // without the proposed anchor, a key name without `=`/`:` is not seen (see below)
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('shares the access key id anchor with aws_access_key', () => {
    expect(awsAccessKey.anchors).toContain(ACCESS_KEY_ID_ANCHOR);
    // Both recognizers see the same hit: the id and its secret are both reported.
    const both = scanWith(awsAccessKey, awsSecretKey);
    expect(both(`${KEY_ID},${SECRET}`)).toEqual([KEY_ID, SECRET]);
  });

  it('reports a secret once when both a key and a key id point at it', () => {
    const raw = createScanner({ recognizers: [awsSecretKey], classifiers: [] });
    const text = `aws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}`;
    const found = raw.scanRaw(text);
    expect(found.map((f) => [text.slice(f.start, f.end), f.confidence])).toEqual([[SECRET, 0.95]]);
  });

  it('beats the password recognizer on secret keys', () => {
    const s = createScanner({ recognizers: [password, awsSecretKey], classifiers: [] });
    for (const text of [`aws_secret_access_key=${SECRET}`, `# aws\nsecret_key = ${SECRET}`, `${KEY_ID}\nsecret: ${SECRET}`]) {
      expect(s.scan(text).map((f) => f.type)).toEqual(['aws_secret_key']);
    }
  });
});

describe('aws_secret_key after the key name alone (CLI and chat)', () => {
  const proposed = scanWith(awsSecretKey);

  it('registers the key-name anchor', () => {
    expect(awsSecretKey.anchors).toContain(SECRET_KEY_NAME_ANCHOR);
  });

  it.each([
    [`aws configure set aws_secret_access_key ${SECRET}`, SECRET],
    [`$ aws configure set aws_secret_access_key "${SECRET2}"\n$ ls`, SECRET2],
    [`my AWS_SECRET_ACCESS_KEY is ${SECRET}, how do I store it?`, SECRET],
    [`AWS_SECRET_ACCESS_KEY=${SECRET2}`, SECRET2],
  ])('finds %j', (text, value) => {
    expect(proposed(text)).toEqual([value]);
  });

  it.each([
    ['getting the value', 'aws configure get aws_secret_access_key'],
    ['not set', 'my AWS_SECRET_ACCESS_KEY is not set'],
    ['a different name', `aws configure set aws_access_key ${SECRET}`],
    ['longer name', `aws_secret_access_key_id ${SECRET}`],
    ['documented example', 'aws configure set aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['41 characters', `aws configure set aws_secret_access_key ${SECRET}x`],
  ])('ignores %s', (_why, text) => {
    expect(proposed(text)).toEqual([]);
  });

  it('stays linear on a long run of key names', () => {
    expect(proposed(adversarialText('aws_secret_access_key aws_secret_access_key is ', 200_000))).toEqual([]);
  });
});

describe('aws_secret_key on hostile input (200 KB each)', () => {
  const SIZE = 200_000;

  it.each([
    ['aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE ', 'near-miss values'],
    ['aws_secret_access_key=', 'keys without values'],
    [`${KEY_ID} `, 'key ids without secrets'],
    [`${KEY_ID} 3f786850e387550fdab836ed7e6dc881de23001b `, 'key ids followed by SHAs'],
    ['A'.repeat(40) + '=', 'long base64 runs'],
    ['=:', 'separators'],
  ])('%j finds nothing', (unit) => {
    expect(scan(adversarialText(unit, SIZE))).toEqual([]);
  });

  it('finds each secret in a long credentials file', () => {
    const unit = `[profile]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`;
    const found = scan(adversarialText(unit, SIZE));
    expect(found.length).toBe(Math.ceil(SIZE / unit.length));
    expect(new Set(found)).toEqual(new Set([SECRET]));
  });

  it.each(ADVERSARIAL_UNITS.map((a) => [a.name, a.unit] as const))('shared unit %s finds nothing', (_name, unit) => {
    expect(scan(adversarialText(unit, SIZE))).toEqual([]);
  });
});
