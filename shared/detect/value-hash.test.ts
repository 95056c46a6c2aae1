import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import type { Finding } from './types.ts';
import { normalizeValue, valueHashes } from './value-hash.ts';

const KEY = '0f'.repeat(32);
const at = (text: string, value: string, type: Finding['type']): Finding => {
  const start = text.indexOf(value);
  if (start < 0) throw new Error(`${value} not in text`);
  return { type, start, end: start + value.length, confidence: 0.9 };
};

describe('valueHashes', () => {
  it('is the keyed HMAC of type and normalized value, never the value', () => {
    const text = 'mail Ana.Silva@Acme.example now';
    const [h] = valueHashes(text, [at(text, 'Ana.Silva@Acme.example', 'email')], KEY);
    const expected = bytesToHex(hmac(sha256, hexToBytes(KEY), utf8ToBytes('email\u0000ana.silva@acme.example')));
    expect(h).toBe(expected);
    expect(h).not.toContain('ana');
  });

  it('counts one value written two ways once, and two values twice', () => {
    const text = 'card 4111 1111 1111 1111 and 4111-1111-1111-1111 and 5500 0000 0000 0004';
    const findings = [
      at(text, '4111 1111 1111 1111', 'credit_card'),
      at(text, '4111-1111-1111-1111', 'credit_card'),
      at(text, '5500 0000 0000 0004', 'credit_card'),
    ];
    expect(valueHashes(text, findings, KEY)).toHaveLength(2);
  });

  it('differs per tenant key and skips whole-text findings', () => {
    const text = 'x@y.example';
    const f = [at(text, 'x@y.example', 'email')];
    expect(valueHashes(text, f, KEY)).not.toEqual(valueHashes(text, f, 'a1'.repeat(32)));
    expect(valueHashes(text, [{ type: 'source_code', start: 0, end: 11, confidence: 0.9 }], KEY)).toEqual([]);
  });

  it('normalizes codes but keeps secrets exact', () => {
    expect(normalizeValue('iban', 'de89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
    expect(normalizeValue('github_token', 'ghp_AbC')).toBe('ghp_AbC');
  });
});
