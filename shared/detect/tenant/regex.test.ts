import { describe, expect, it } from 'vitest';
import type { Finding, FindingSink } from '../types.ts';
import { TenantDetectorError } from './pass.ts';
import { compileRegex, MAX_REGEX_FINDINGS, type RegexDetectorConfig } from './regex.ts';

function detector(pattern: string, opts: Partial<RegexDetectorConfig> = {}): RegexDetectorConfig {
  return { kind: 'regex', id: 'tickets', name: 'Ticket ids', pattern, caseInsensitive: false, confidence: 0.9, ...opts };
}

function run(d: RegexDetectorConfig, text: string): Finding[] {
  const found: Finding[] = [];
  const sink: FindingSink = { add: (type, start, end, confidence) => found.push({ type, start, end, confidence }) };
  compileRegex(d)(text, sink);
  return found;
}

const values = (d: RegexDetectorConfig, text: string): string[] => run(d, text).map((f) => text.slice(f.start, f.end));

describe('tenant regex', () => {
  it.each([
    ['literal prefix', 'PRJ-\\d{4}', {}, 'see PRJ-1234 and PRJ-98', ['PRJ-1234']],
    ['word boundaries', '\\bPRJ-\\d{4}\\b', {}, 'PRJ-1234 XPRJ-1234 PRJ-12345', ['PRJ-1234']],
    ['case-sensitive by default', 'PRJ-\\d{4}', {}, 'prj-1234', []],
    ['caseInsensitive option', 'PRJ-\\d{4}', { caseInsensitive: true }, 'prj-1234', ['prj-1234']],
    ['inline flags', '(?i)blue\\s+falcon', {}, 'BLUE  Falcon', ['BLUE  Falcon']],
    ['^ is the start of the text', '^ID \\d+', {}, 'ID 1\nID 2', ['ID 1']],
    ['(?m) makes ^ per line', '(?m)^ID \\d+', {}, 'ID 1\nID 2', ['ID 1', 'ID 2']],
    ['empty matches are skipped', 'a*', {}, 'baab', ['aa']],
    ['no match', 'zzz\\d', {}, 'nothing here', []],
  ] as const)('%s', (_why, pattern, opts, text, expected) => {
    expect(values(detector(pattern, opts), text)).toEqual(expected);
  });

  it('reports tenant:<id> with the configured confidence', () => {
    expect(run(detector('PRJ-\\d{4}', { confidence: 0.6 }), 'x PRJ-1234')).toEqual([
      { type: 'tenant:tickets', start: 2, end: 10, confidence: 0.6 },
    ]);
  });

  it('reports UTF-16 string offsets after non-BMP characters', () => {
    const text = '😀😀 PRJ-1234 𝒳 PRJ-5678';
    expect(run(detector('PRJ-\\d{4}'), text).map((f) => [f.start, f.end])).toEqual([
      [5, 13],
      [17, 25],
    ]);
    // `.` consumes a whole code point (two UTF-16 units), and the span still slices correctly.
    expect(values(detector('x.y'), 'ax😀yb')).toEqual(['x😀y']);
  });

  it.each([
    ['a backreference', '(a)\\1'],
    ['a lookbehind', '(?<=a)b'],
    ['a lookahead', 'a(?=b)'],
    ['an unbalanced group', '(abc'],
    ['a bad repetition', 'a{2,1}'],
  ])('rejects %s with an error naming the detector', (_why, pattern) => {
    expect(() => compileRegex(detector(pattern))).toThrow(TenantDetectorError);
    expect(() => compileRegex(detector(pattern))).toThrow(/tenant detector "tickets" \(Ticket ids\): pattern is not valid RE2 syntax/);
  });

  // Each of these takes exponential time on a backtracking engine; RE2 is linear in the text.
  const as = 'a'.repeat(100_000);
  it.each([
    ['(a+)+$', [[0, 100_000]]],
    ['(a|aa)*b', []],
    ['(.*a){20}', [[0, 100_000]]],
    ['(a*)*b', []],
    ['(x+x+)+y', []],
  ])('hostile pattern %s on 100 KB of a', (pattern, expected) => {
    expect(run(detector(pattern), as).map((f) => [f.start, f.end])).toEqual(expected);
  });

  it('caps the findings per text', () => {
    expect(run(detector('a'), as)).toHaveLength(MAX_REGEX_FINDINGS);
  });
});
