import { describe, expect, it } from 'vitest';
import {
  checkFloors,
  contextOf,
  evaluate,
  evaluateCase,
  f1Of,
  floorsFrom,
  formatMistakes,
  formatTable,
  type Hit,
  type LabelledCase,
} from './eval-lib.ts';

const WHOLE = new Set(['source_code', 'confidential_marking']);
const TYPES = ['email', 'phone', 'source_code'];

/** A fake scanner: reports every occurrence of the given substrings as the given type. */
function finder(rules: [type: string, needle: string, confidence?: number][], whole: [type: string, marker: string][] = []) {
  return (text: string): Hit[] => {
    const hits: Hit[] = [];
    for (const [type, needle, confidence = 0.9] of rules) {
      for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1))
        hits.push({ type, start: i, end: i + needle.length, confidence });
    }
    for (const [type, marker] of whole) if (text.includes(marker)) hits.push({ type, start: 0, end: text.length, confidence: 0.8 });
    return hits;
  };
}

describe('evaluateCase', () => {
  it('counts value matches as a multiset intersection', () => {
    const c: LabelledCase = {
      id: 'c1',
      text: 'a@x.io, a@x.io and b@x.io',
      expect: [
        { type: 'email', value: 'a@x.io' },
        { type: 'email', value: 'a@x.io' },
        { type: 'email', value: 'b@x.io' },
      ],
    };
    const into = new Map();
    // Finds a@x.io twice (TP 2), misses b@x.io (FN 1), and reports "and" (FP 1).
    const m = evaluateCase(
      c,
      finder([
        ['email', 'a@x.io'],
        ['email', 'and'],
      ])(c.text),
      WHOLE,
      into,
    );
    expect(into.get('email')).toEqual({ tp: 2, fp: 1, fn: 1 });
    expect(m.map((x) => [x.kind, x.value])).toEqual([
      ['fp', 'and'],
      ['fn', 'b@x.io'],
    ]);
  });

  it('counts a value found more often than expected as a false positive', () => {
    const c: LabelledCase = { id: 'c', text: 'x@y.de x@y.de', expect: [{ type: 'email', value: 'x@y.de' }] };
    const into = new Map();
    evaluateCase(c, finder([['email', 'x@y.de']])(c.text), WHOLE, into);
    expect(into.get('email')).toEqual({ tp: 1, fp: 1, fn: 0 });
  });

  it('judges the value, not the type of a neighbouring finding', () => {
    const c: LabelledCase = { id: 'c', text: 'call +1 415 555 0100', expect: [{ type: 'phone', value: '+1 415 555 0100' }] };
    const into = new Map();
    // A span that is one character short is both a miss and a false positive.
    evaluateCase(c, [{ type: 'phone', start: 6, end: 20, confidence: 0.7 }], WHOLE, into);
    expect(into.get('phone')).toEqual({ tp: 0, fp: 1, fn: 1 });
  });

  it('counts whole-text types at most once per case', () => {
    const code: LabelledCase = { id: 'code', text: 'def f():\n    return 1\n', expect: [{ type: 'source_code', value: null }] };
    const prose: LabelledCase = { id: 'prose', text: 'we will return the function', expect: [] };
    const into = new Map();
    const scan = (t: string): Hit[] => [
      { type: 'source_code', start: 0, end: 3, confidence: 0.9 },
      { type: 'source_code', start: 4, end: t.length, confidence: 0.9 },
    ];
    evaluateCase(code, scan(code.text), WHOLE, into);
    const m = evaluateCase(prose, scan(prose.text), WHOLE, into);
    expect(into.get('source_code')).toEqual({ tp: 1, fp: 1, fn: 0 });
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ kind: 'fp', value: null, caseId: 'prose' });
    const missed = new Map();
    evaluateCase(code, [], WHOLE, missed);
    expect(missed.get('source_code')).toEqual({ tp: 0, fp: 0, fn: 1 });
  });

  it('points a miss at the occurrence that was not found', () => {
    const c: LabelledCase = {
      id: 'c',
      text: 'a@b.io then a@b.io',
      expect: [
        { type: 'email', value: 'a@b.io' },
        { type: 'email', value: 'a@b.io' },
      ],
    };
    const m = evaluateCase(c, [{ type: 'email', start: 0, end: 6, confidence: 1 }], WHOLE, new Map());
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ kind: 'fn', start: 12, end: 18 });
  });
});

describe('evaluate', () => {
  const cases: LabelledCase[] = [
    {
      id: '1',
      text: 'mail a@x.io or call 555-0100',
      expect: [
        { type: 'email', value: 'a@x.io' },
        { type: 'phone', value: '555-0100' },
      ],
    },
    { id: '2', text: 'version 1.2.3', expect: [] },
    { id: '3', text: 'import os\nprint(os.getcwd())\n', expect: [{ type: 'source_code', value: null }] },
  ];
  const scan = finder(
    [
      ['email', 'a@x.io'],
      ['phone', '1.2.3', 0.55],
    ],
    [['source_code', 'import']],
  );

  it('computes precision, recall and F1 per type and micro-averaged', () => {
    const ev = evaluate(cases, scan, { types: TYPES, wholeTypes: WHOLE });
    const by = Object.fromEntries(ev.types.map((s) => [s.type, s]));
    expect(by.email).toMatchObject({ cases: 1, tp: 1, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
    expect(by.phone).toMatchObject({ cases: 1, tp: 0, fp: 1, fn: 1, precision: 0, recall: 0, f1: 0 });
    expect(by.source_code).toMatchObject({ cases: 1, tp: 1, fp: 0, fn: 0, f1: 1 });
    expect(ev.micro).toMatchObject({ tp: 2, fp: 1, fn: 1 });
    expect(ev.micro.precision).toBeCloseTo(2 / 3);
    expect(ev.micro.f1).toBeCloseTo(4 / 6);
    expect(ev.missingTypes).toEqual([]);
    expect(ev.worstCases).toEqual([
      { id: '1', mistakes: 1 },
      { id: '2', mistakes: 1 },
    ]);
  });

  it('reports types with no labelled case as missing', () => {
    const ev = evaluate(cases.slice(1), scan, { types: TYPES, wholeTypes: WHOLE });
    expect(ev.missingTypes).toEqual(['email', 'phone']);
    const phone = ev.types.find((s) => s.type === 'phone');
    expect(phone).toMatchObject({ cases: 0, fp: 1, recall: null });
  });

  it('keeps types the scanner reports that nobody asked about', () => {
    const ev = evaluate(cases, (t) => [...scan(t), { type: 'tenant:codes', start: 0, end: 1, confidence: 1 }], {
      types: TYPES,
      wholeTypes: WHOLE,
    });
    expect(ev.types.map((s) => s.type)).toEqual([...TYPES, 'tenant:codes']);
    expect(ev.types.at(-1)).toMatchObject({ fp: 3, precision: 0 });
  });

  it('sorts confident false positives before misses', () => {
    const ev = evaluate(
      cases,
      finder([
        ['email', 'call', 0.4],
        ['email', 'mail', 0.99],
      ]),
      { types: TYPES, wholeTypes: WHOLE },
    );
    expect(ev.mistakes.map((m) => `${m.kind}:${m.value}`).slice(0, 3)).toEqual(['fp:mail', 'fp:call', 'fn:a@x.io']);
  });
});

describe('floors', () => {
  const ev = evaluate(
    [
      {
        id: '1',
        text: 'a@x.io b@x.io',
        expect: [
          { type: 'email', value: 'a@x.io' },
          { type: 'email', value: 'b@x.io' },
        ],
      },
      { id: '2', text: '555-0100', expect: [{ type: 'phone', value: '555-0100' }] },
    ],
    finder([
      ['email', 'a@x.io'],
      ['phone', '555-0100'],
    ]),
    { types: ['email', 'phone', 'source_code'], wholeTypes: WHOLE },
  );

  it('rounds F1 down to two decimals when recording floors', () => {
    // email: TP 1, FN 1 -> F1 = 2/3 = 0.666... -> 0.66
    expect(floorsFrom(ev, ['email', 'phone', 'source_code'])).toEqual({ email: 0.66, phone: 1 });
  });

  it('names every type below its floor, without a floor, or without cases', () => {
    expect(checkFloors(ev, { email: 0.66, phone: 1 }, ['email', 'phone', 'source_code'])).toEqual(['source_code: no cases in the corpus']);
    const problems = checkFloors(ev, { email: 0.7, other: 0.5 }, ['email', 'phone', 'source_code']);
    expect(problems).toEqual([
      'source_code: no cases in the corpus',
      'email: F1 0.667 is below its floor 0.70',
      'phone: no floor recorded in floors.json (run with --write-floors)',
      'other: floors.json names a type that is not a built-in type',
    ]);
  });

  it('passes a floor equal to the measured value despite float rounding', () => {
    // 3 TP, 1 FN: F1 = 6/7 = 0.857..., floor 0.85; and 0.29 * 100 is 28.999... in floating point.
    const cases = [{ id: '1', text: 'a b c d', expect: ['a', 'b', 'c', 'd'].map((value) => ({ type: 'email', value })) }];
    const e = evaluate(
      cases,
      finder([
        ['email', 'a'],
        ['email', 'b'],
        ['email', 'c'],
      ]),
      { types: ['email'], wholeTypes: WHOLE },
    );
    const f = floorsFrom(e, ['email']);
    expect(f).toEqual({ email: 0.85 });
    expect(checkFloors(e, f, ['email'])).toEqual([]);
    expect(checkFloors({ ...e, types: [{ ...e.types[0]!, f1: 0.29 }] }, { email: 0.29 }, ['email'])).toEqual([]);
    expect(floorsFrom({ ...e, types: [{ ...e.types[0]!, f1: 0.29 }] }, ['email'])).toEqual({ email: 0.29 });
  });
});

describe('formatting', () => {
  it('marks the span and escapes newlines in context', () => {
    expect(contextOf('line one\nkey=SECRET\nend', 13, 19, 5)).toBe('…\\nkey=[[SECRET]]\\nend');
    expect(contextOf('abc', 0, 3)).toBe('[[abc]]');
  });

  it('prints a table row per type, a micro row, and flags floors that fail', () => {
    const ev = evaluate([{ id: '1', text: 'a@x.io', expect: [{ type: 'email', value: 'a@x.io' }] }], () => [], {
      types: ['email'],
      wholeTypes: WHOLE,
    });
    const table = formatTable(ev, { email: 0.5 });
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^type\s+cases\s+TP\s+FP\s+FN\s+precision\s+recall\s+F1\s+floor$/);
    expect(lines.find((l) => l.startsWith('email'))).toMatch(/email\s+1\s+0\s+0\s+1\s+-\s+0\.000\s+0\.000\s+0\.50 !$/);
    expect(lines.at(-1)).toMatch(/^ALL \(micro\)/);
  });

  it('lists up to N mistakes per type with id, substring and context', () => {
    const ev = evaluate(
      [
        {
          id: 'case-7',
          text: 'write to a@x.io or b@x.io or c@x.io',
          expect: ['a@x.io', 'b@x.io', 'c@x.io'].map((value) => ({ type: 'email', value })),
        },
      ],
      () => [],
      { types: ['email'], wholeTypes: WHOLE },
    );
    const out = formatMistakes(ev, 2);
    expect(out).toContain('email: 0 false positive(s), 3 miss(es)');
    expect(out.match(/ {2}FN case-7 /g)).toHaveLength(2);
    expect(out).toContain('write to [[a@x.io]] or b@x.io');
    expect(out).toContain('Cases with the most mistakes:\n    3  case-7');
  });

  it('defines F1 as 1 when there is nothing to find and nothing found', () => {
    expect(f1Of({ tp: 0, fp: 0, fn: 0 })).toBe(1);
    expect(f1Of({ tp: 3, fp: 1, fn: 0 })).toBeCloseTo(6 / 7);
  });
});
