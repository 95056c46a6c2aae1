import { describe, expect, it } from 'vitest';
import { createScanner } from '../engine.ts';
import { awsAccessKey } from '../detectors/secrets/aws-access-key.ts';
import { buildExactDataDetector, compileTenantDetectors, TenantDetectorError } from './index.ts';
import type { TenantDetectorInput } from './schema.ts';

const DETECTORS: TenantDetectorInput[] = [
  { kind: 'keywords', id: 'codenames', name: 'Code names', words: ['Blue Falcon', 'Red Heron'] },
  { kind: 'regex', id: 'tickets', name: 'Ticket ids', pattern: '\\bPRJ-\\d{4}\\b', confidence: 0.8 },
  buildExactDataDetector({ id: 'customers', name: 'Customers', values: ['Northwind Traders'], salt: '5a1f0c9e7d3b2a4f6e8d0c1b3a5f7e9d' }),
];

describe('compileTenantDetectors', () => {
  it('compiles every kind into extra passes for the scanner', () => {
    const passes = compileTenantDetectors(DETECTORS);
    expect(passes).toHaveLength(3);
    const scanner = createScanner({ recognizers: [awsAccessKey], classifiers: [], extraPasses: passes });
    const text = 'red heron ships PRJ-1234 to Northwind Traders with AKIA2E7AKF3BZ44CQ7W6';
    expect(scanner.scan(text).map((f) => [f.type, text.slice(f.start, f.end), f.confidence])).toEqual([
      ['tenant:codenames', 'red heron', 0.9],
      ['tenant:tickets', 'PRJ-1234', 0.8],
      ['tenant:customers', 'Northwind Traders', 0.9],
      ['aws_access_key', 'AKIA2E7AKF3BZ44CQ7W6', 0.95],
    ]);
  });

  it('compiles an empty list to no passes', () => {
    expect(compileTenantDetectors([])).toEqual([]);
  });

  it.each([
    [
      'a bad id',
      [{ kind: 'keywords', id: 'Bad Id', name: 'x', words: ['abc'] }],
      /detector 1 \("Bad Id"\): id: lower-case letters, digits/,
    ],
    ['an empty word list', [{ kind: 'keywords', id: 'k', name: 'x', words: [] }], /detector 1 \("k"\): words: /],
    ['an unknown kind', [{ kind: 'magic', id: 'm', name: 'x' }], /detector 1 \("m"\): /],
    [
      'a bad hash',
      [{ kind: 'edm', id: 'e', name: 'x', salt: 'ab'.repeat(16), hashes: ['nothex'] }],
      /detector 1 \("e"\): hashes\.0: hex SHA-256/,
    ],
    [
      'an RE2-incompatible regex',
      [{ kind: 'regex', id: 'r', name: 'Backrefs', pattern: '(a)\\1' }],
      /tenant detector "r" \(Backrefs\): pattern is not valid RE2 syntax/,
    ],
    [
      'a duplicate id',
      [
        { kind: 'keywords', id: 'k', name: 'x', words: ['abc'] },
        { kind: 'regex', id: 'k', name: 'y', pattern: 'abc' },
      ],
      /id "k" is used twice/,
    ],
  ])('refuses %s with a clear error', (_why, input, message) => {
    const list = input as unknown as TenantDetectorInput[];
    expect(() => compileTenantDetectors(list)).toThrow(TenantDetectorError);
    expect(() => compileTenantDetectors(list)).toThrow(message);
  });

  it('refuses input that is not a list', () => {
    expect(() => compileTenantDetectors(null as unknown as TenantDetectorInput[])).toThrow(/invalid tenant detectors: detectors: /);
  });
});

describe('compileTenantDetectors error size', () => {
  it('lists at most 10 problems', () => {
    const bad = [{ kind: 'edm', id: 'e', name: 'x', salt: 'ab'.repeat(16), hashes: Array.from({ length: 50 }, () => 'zz') }];
    expect(() => compileTenantDetectors(bad as unknown as TenantDetectorInput[])).toThrow(/hashes\.9: hex SHA-256; and 40 more$/);
  });
});
