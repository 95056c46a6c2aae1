import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../engine.ts';
import type { Finding, FindingSink } from '../types.ts';
import { buildExactDataDetector, compileExactData, type ExactDataDetectorConfig, forEachToken, hashValue } from './edm.ts';
import { TenantDetectorError } from './pass.ts';
import { TenantDetector } from './schema.ts';

const SALT = '5a1f0c9e7d3b2a4f6e8d0c1b3a5f7e9d';
const VALUES = ['Project Blue Falcon', 'Northwind Traders', 'Müller GmbH', 'ACCT 88412907'];

function build(values: string[] = VALUES, opts: Partial<Parameters<typeof buildExactDataDetector>[0]> = {}): ExactDataDetectorConfig {
  return buildExactDataDetector({ id: 'customers', name: 'Customers', values, salt: SALT, ...opts });
}

function run(d: ExactDataDetectorConfig, text: string): Finding[] {
  const found: Finding[] = [];
  const sink: FindingSink = { add: (type, start, end, confidence) => found.push({ type, start, end, confidence }) };
  compileExactData(d)(text, sink);
  return resolveOverlaps(found);
}

const values = (d: ExactDataDetectorConfig, text: string): string[] => run(d, text).map((f) => text.slice(f.start, f.end));

describe('exact data match', () => {
  const d = build();
  const slow: ExactDataDetectorConfig = { ...d, fingerprints: [] };

  it.each([
    ['a multi-word value', 'Status of Project Blue Falcon today', ['Project Blue Falcon']],
    ['other case and spacing', 'the project   BLUE falcon launch', ['project   BLUE falcon']],
    ['punctuation and line breaks between tokens', 'Project-Blue\nFalcon.', ['Project-Blue\nFalcon']],
    ['two values', 'Northwind Traders and ACCT 88412907', ['Northwind Traders', 'ACCT 88412907']],
    ['accented value in upper case', 'invoice for MÜLLER GMBH', ['MÜLLER GMBH']],
    ['decomposed accents (NFD) match composed (NFC)', 'Mu\u0308ller GmbH', ['Mu\u0308ller GmbH']],
    ['a longer word is a different token', 'Project Blue Falconer', []],
    ['a prefix of the value', 'Project Blue is late', []],
    ['tokens in another order', 'Blue Falcon Project', []],
    ['an extra token inside', 'Project Blue big Falcon', []],
    ['a different number', 'ACCT 88412908', []],
    ['letters glued to digits', 'ACCT 88412907X', []],
    ['nothing', 'quarterly revenue review', []],
  ])('%s', (_why, text, expected) => {
    expect(values(d, text)).toEqual(expected);
    // Without the fingerprint prefilter the result is the same, only slower.
    expect(values(slow, text)).toEqual(expected);
  });

  it('reports tenant:<id> with UTF-16 offsets after non-BMP characters', () => {
    const text = '😀😀 Northwind Traders 𝒳';
    expect(run(d, text)).toEqual([{ type: 'tenant:customers', start: 5, end: 22, confidence: 0.9 }]);
  });

  it('keeps the longest value where values overlap', () => {
    const both = build(['Blue Falcon', 'Project Blue Falcon']);
    expect(values(both, 'Project Blue Falcon; Blue Falcon')).toEqual(['Project Blue Falcon', 'Blue Falcon']);
  });

  it('hashes as documented: SHA-256(salt bytes || 0x00 || normalized value)', () => {
    const expected = bytesToHex(sha256(new Uint8Array([...hexToBytes(SALT), 0, ...utf8ToBytes('project blue falcon')])));
    expect(hashValue(SALT, 'casefold', '  PROJECT blue-Falcon ')).toBe(expected);
    expect(hashValue(SALT, 'exact', 'Project Blue Falcon')).not.toBe(expected);
    expect(hashValue(SALT, 'alnum', '4111 1111-1111 1111')).toBe(hashValue(SALT, 'alnum', '4111111111111111'));
    expect(hashValue('00'.repeat(16), 'casefold', 'Project Blue Falcon')).not.toBe(expected);
    expect(d.hashes).toContain(expected);
  });

  it('exact normalization is case-sensitive', () => {
    const exact = build(['Blue Falcon'], { normalize: 'exact' });
    expect(values(exact, 'Blue Falcon, blue falcon, Blue-Falcon')).toEqual(['Blue Falcon', 'Blue-Falcon']);
  });

  it('alnum normalization finds a number however it is grouped', () => {
    const cards = build(['4111 1111 1111 1111'], { normalize: 'alnum' });
    expect(cards.maxTokens).toBe(4);
    expect(values(cards, 'card 4111-1111-1111-1111 or 4111111111111111, not 4111 1111 1111 1112')).toEqual([
      '4111-1111-1111-1111',
      '4111111111111111',
    ]);
  });

  it('never puts a plain value in the detector', () => {
    const json = JSON.stringify(d).toLowerCase();
    for (const v of VALUES) {
      expect(json).not.toContain(v.toLowerCase());
      for (const token of v.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (token.length >= 4) expect(json).not.toContain(token);
    }
    expect(Object.keys(d).sort()).toEqual(['confidence', 'fingerprints', 'hashes', 'id', 'kind', 'maxTokens', 'name', 'normalize', 'salt']);
  });

  it('round-trips through the policy schema and still matches', () => {
    const parsed = TenantDetector.parse(JSON.parse(JSON.stringify(d)));
    if (parsed.kind !== 'edm') throw new Error('expected an edm detector');
    expect(values(parsed, 'Re: Northwind Traders')).toEqual(['Northwind Traders']);
  });

  it('sorts and de-duplicates hashes so the list order tells nothing', () => {
    const a = build(['Northwind Traders', 'Project Blue Falcon', 'northwind traders']);
    const b = build(['Project Blue Falcon', 'Northwind Traders']);
    expect(a.hashes).toEqual(b.hashes);
    expect(a.hashes).toHaveLength(2);
    expect([...a.hashes].sort()).toEqual(a.hashes);
  });

  it('makes a fresh random salt when none is given', () => {
    const a = buildExactDataDetector({ id: 'x', name: 'X', values: ['Blue Falcon'] });
    const b = buildExactDataDetector({ id: 'x', name: 'X', values: ['Blue Falcon'] });
    expect(a.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hashes).not.toEqual(b.hashes);
  });

  it.each([
    ['no letters or digits', ['--'], {}, /value #1 has no letters or digits/],
    ['a single character', ['ok', 'X'], {}, /value #2 is a single character/],
    ['more tokens than maxTokens', ['a b c d'], { maxTokens: 3 }, /value #1 has 4 tokens, more than maxTokens 3/],
    ['more than 8 tokens', ['a b c d e f g h i'], {}, /at most 8/],
    ['a bad salt', ['Blue Falcon'], { salt: 'xyz' }, /salt must be/],
  ])('refuses %s, naming the detector but not the value', (_why, vals, opts, message) => {
    expect(() => build(vals, opts)).toThrow(TenantDetectorError);
    expect(() => build(vals, opts)).toThrow(/tenant detector "customers" \(Customers\)/);
    expect(() => build(vals, opts)).toThrow(message);
  });

  it('refuses a salt with an odd number of hex digits at compile time', () => {
    expect(() => compileExactData({ ...d, salt: `${SALT}a` })).toThrow(
      /tenant detector "customers" \(Customers\): salt must have an even number/,
    );
  });

  it('tokenizes letters, digits and marks, including non-BMP ones', () => {
    const text = "l'été 𝒳y2 — ok_go";
    const tokens: string[] = [];
    forEachToken(text, (s, e) => tokens.push(text.slice(s, e)));
    expect(tokens).toEqual(['l', 'été', '𝒳y2', 'ok', 'go']);
  });

  it('stays linear on 1 MB of one-character tokens and of repeated value prefixes', () => {
    let n = 0;
    const sink: FindingSink = { add: () => n++ };
    const pass = compileExactData(d);
    pass('a '.repeat(500_000), sink);
    pass('Project Blue '.repeat(80_000), sink);
    expect(n).toBe(0);
    pass(`${'Project Blue '.repeat(80_000)}Falcon`, sink);
    expect(n).toBe(1);
  });
});
