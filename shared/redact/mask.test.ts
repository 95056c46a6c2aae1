import { describe, expect, it } from 'vitest';
import type { FindingType } from '../detect/types.ts';
import { FULL_MASK, mask, maskStyle } from './mask.ts';

// Synthetic values only (test PANs, reserved example domains, made-up keys).
const KEY36 = 'Q7w2Zr8Kp3Lm9Xv4Bn6Cd1Fg5Hj0Ty2Ui8Oa';

const CASES: [FindingType, string, string][] = [
  // last4: separators kept, last 4 shown when at least 8 characters can be masked
  ['credit_card', '4111 1111 1111 1111', '**** **** **** 1111'],
  ['credit_card', '4111111111111111', '************1111'],
  ['credit_card', '4111-1111-1111-1111', '****-****-****-1111'],
  ['us_ssn', '123-45-6789', '***-**-6789'],
  ['iban', 'GB82 WEST 1234 5698 7654 32', '**** **** **** **** **54 32'],
  ['uk_nino', 'AB 12 34 56 C', '** ** *4 56 C'],
  ['phone', '+1 (555) 010-4477', '+* (***) ***-4477'],
  ['es_dni', '12345678Z', '*****678Z'],
  // fewer than 8 maskable characters: nothing of them shown
  ['phone', '555-0100', '***-****'],
  ['phone', '01234', '*****'],
  // fewer than 4: fixed mask, so a value of mostly separators is not echoed
  ['credit_card', '--/--', FULL_MASK],
  ['nl_bsn', '1-2', FULL_MASK],
  // a surrogate pair counts as one character and is never split
  // (characters other than blanks and ASCII punctuation are masked, one `*` per code point)
  ['credit_card', '4111😀1111 1111 1111', '********* **** 1111'],
  ['credit_card', '😀😀😀😀 😀😀😀😀 1234', '**** **** 1234'],
  ['credit_card', '1234 5678 12😀4', '**** **** 12😀4'],
  // email: first character, ***, domain
  ['email', 'jane.doe@acme.example', 'j***@acme.example'],
  ['email', 'jo@acme.example', 'j***@acme.example'],
  ['email', 'j@acme.example', '***@acme.example'],
  ['email', '😀x@acme.example', '😀***@acme.example'],
  ['email', 'no-at-sign.example', FULL_MASK],
  ['email', '@acme.example', FULL_MASK],
  ['email', 'jane@', FULL_MASK],
  // secrets: known prefix, the rest hidden
  ['github_token', `ghp_${KEY36}`, 'ghp_****'],
  ['github_token', `github_pat_11AB${KEY36}`, 'github_pat_****'],
  ['aws_access_key', 'AKIA2E7AKF3BZ44CQ7W6', 'AKIA****'],
  ['stripe_key', `sk_live_${KEY36}`, 'sk_live_****'],
  ['openai_key', `sk-proj-${KEY36}`, 'sk-proj-****'],
  ['anthropic_key', `sk-ant-api03-${KEY36}`, 'sk-ant-api03-****'],
  ['slack_token', 'xoxb-1234567890-0987654321-abcdefghij', 'xoxb-****'],
  ['slack_webhook', 'https://hooks.slack.com/services/T0000000/B0000000/abcdefghijklmnop', 'https://hooks.slack.com/services/****'],
  ['gitlab_token', 'glpat-abcdefghij1234567890', 'glpat-****'],
  ['connection_string', 'postgres://app:s3cr3t-pw@db.internal.example:5432/app', 'postgres://****'],
  ['connection_string', 'Server=db;User Id=app;Password=s3cr3t-pw;', FULL_MASK],
  ['jwt', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXgteA', 'eyJ****'],
  [
    'private_key',
    '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----',
    '-----BEGIN RSA PRIVATE KEY-----****-----END RSA PRIVATE KEY-----',
  ],
  // a prefix is shown only when at least 8 characters stay hidden
  ['github_token', 'ghp_abc1234', FULL_MASK],
  ['github_token', 'ghp_abc12345', 'ghp_****'],
  // a secret without its known prefix shows nothing
  ['github_token', KEY36, FULL_MASK],
  // full: nothing shown, not even the length
  ['password', 'hunter2!', FULL_MASK],
  ['password', 'correct horse battery staple', FULL_MASK],
  ['aws_secret_key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz9Xq1Lm4T', FULL_MASK],
  ['tenant:project-codename', 'FALCON-NINE', FULL_MASK],
];

describe('mask', () => {
  it.each(CASES)('%s %j -> %j', (type, value, expected) => {
    expect(mask(value, type)).toBe(expected);
  });

  it('never returns the value itself, nor a string containing it', () => {
    for (const [type, value] of CASES) expect(mask(value, type).includes(value)).toBe(false);
  });

  it('shows nothing when the value is a union of overlapping findings (strict)', () => {
    expect(mask('4111 1111 1111 1111', 'credit_card', true)).toBe(FULL_MASK);
    expect(mask('jane@acme.example', 'email', true)).toBe(FULL_MASK);
  });

  it('maps types to styles', () => {
    expect(maskStyle('credit_card')).toBe('last4');
    expect(maskStyle('email')).toBe('email');
    expect(maskStyle('github_token')).toBe('secret');
    expect(maskStyle('password')).toBe('full');
    expect(maskStyle('tenant:x')).toBe('full');
    expect(maskStyle('source_code')).toBe('full');
  });
});
