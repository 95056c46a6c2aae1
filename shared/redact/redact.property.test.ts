/**
 * Property tests: for arbitrary texts and arbitrary (overlapping or not) findings, redaction
 * round-trips, keeps its offsets consistent, never collides with text already in the conversation
 * and never leaks a whole value through `mask` or `drop`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WHOLE_TEXT_TYPES, type Finding, type FindingType } from '../detect/types.ts';
import { observe, redact, type RedactionOperator, type RedactOptions, type RedactResult } from './redact.ts';
import { restore } from './restore.ts';
import { createRedactionState } from './state.ts';

const fresh = () => createRedactionState('5a17'.repeat(8));

const TYPES: FindingType[] = [
  'email',
  'credit_card',
  'us_ssn',
  'phone',
  'iban',
  'github_token',
  'private_key',
  'connection_string',
  'password',
  'tenant:codename',
  'source_code',
];
const OPERATORS: RedactionOperator[] = ['mask', 'placeholder', 'pseudonymize', 'drop'];

/** Text pieces: plain characters, surrogate pairs, lone surrogates, and placeholder look-alikes. */
const unit = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('a', 'b', 'Z', '0', '7', ' ', ' ', '-', '@', '.', '_', '[', ']', '\n') },
  { weight: 1, arbitrary: fc.constantFrom('😀', 'é', '\ud800', '\udc00', '\u0000', '$&') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '[EMAIL_1]',
      '[EMAIL_2]',
      '[CREDIT_CARD_1]',
      '[PHONE_1]',
      '[TENANT_CODENAME_1]',
      '[PASSWORD_1]',
      '[EMAIL_',
      '1]',
      '_1]',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('x@acme.example', 'postgres://', 'ghp_', '4111 1111 1111 1111') },
);
const textArb = fc.string({ unit, maxLength: 40 });

/** Findings anywhere: nested, overlapping, empty, touching. */
const anyFindingsArb = (length: number) =>
  fc
    .array(
      fc.record({
        type: fc.constantFrom(...TYPES),
        a: fc.nat(length),
        b: fc.nat(length),
        confidence: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { maxLength: 8 },
    )
    .map((rs) => rs.map((r): Finding => ({ type: r.type, start: Math.min(r.a, r.b), end: Math.max(r.a, r.b), confidence: r.confidence })));

/** Findings that touch each other end to start (the text cut at random points). */
const touchingFindingsArb = (length: number) =>
  fc
    .tuple(fc.uniqueArray(fc.nat(length), { maxLength: 9 }), fc.array(fc.constantFrom(...TYPES), { minLength: 8, maxLength: 8 }))
    .map(([cuts, types]) => {
      cuts.sort((a, b) => a - b);
      return cuts.slice(1).map((end, i): Finding => ({ type: types[i] as FindingType, start: cuts[i] as number, end, confidence: 0.9 }));
    });

const findingsArb = (length: number) =>
  fc.oneof(
    anyFindingsArb(length),
    touchingFindingsArb(length),
    fc.tuple(anyFindingsArb(length), touchingFindingsArb(length)).map(([a, b]) => [...a, ...b]),
  );

const caseArb = textArb.chain((text) => findingsArb(text.length).map((findings) => ({ text, findings })));

/** Greedy: the findings that do not overlap an earlier kept one. */
function nonOverlapping(findings: Finding[]): Finding[] {
  const kept: Finding[] = [];
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start === f.end || kept.every((k) => k.end <= f.start || f.end <= k.start)) kept.push(f);
  }
  return kept;
}

const optionsArb: fc.Arbitrary<RedactOptions> = fc.record({
  default: fc.constantFrom(...OPERATORS),
  byType: fc.dictionary(fc.constantFrom(...TYPES), fc.constantFrom(...OPERATORS), { maxKeys: 4 }),
});

const opOf = (o: RedactOptions, t: FindingType) => o.byType?.[t] ?? o.default ?? 'placeholder';
const isPlaceholderOp = (op: RedactionOperator) => op === 'placeholder' || op === 'pseudonymize';

/** What `restore` must give back: pseudonymized ranges restored, everything else as output. */
function expectedRestore(input: string, r: RedactResult): string {
  let s = '';
  let cursor = 0;
  for (const rep of r.replacements) {
    s += input.slice(cursor, rep.start);
    s += rep.operator === 'pseudonymize' ? input.slice(rep.start, rep.end) : r.text.slice(rep.newStart, rep.newEnd);
    cursor = rep.end;
  }
  return s + input.slice(cursor);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const RUNS = { numRuns: 400 };

describe('redact properties', () => {
  it('pseudonymize round-trips: restore(redact(text)) === text (overlapping findings)', () => {
    fc.assert(
      fc.property(caseArb, ({ text, findings }) => {
        const r = redact(text, findings, { default: 'pseudonymize' }, fresh());
        expect(restore(r.text, r.state)).toBe(text);
      }),
      RUNS,
    );
  });

  it('pseudonymize round-trips with non-overlapping findings', () => {
    fc.assert(
      fc.property(caseArb, ({ text, findings }) => {
        const r = redact(text, nonOverlapping(findings), { default: 'pseudonymize' }, fresh());
        expect(restore(r.text, r.state)).toBe(text);
      }),
      RUNS,
    );
  });

  it('placeholder is one-way; mixed operators restore exactly the pseudonymized ranges', () => {
    fc.assert(
      fc.property(caseArb, optionsArb, ({ text, findings }, options) => {
        const p = redact(text, findings, { default: 'placeholder' }, fresh());
        expect(restore(p.text, p.state)).toBe(p.text);
        const r = redact(text, findings, options, fresh());
        expect(restore(r.text, r.state)).toBe(expectedRestore(text, r));
      }),
      RUNS,
    );
  });

  it('replacement offsets are consistent with input and output, and cover every finding', () => {
    fc.assert(
      fc.property(caseArb, optionsArb, ({ text, findings }, options) => {
        const r = redact(text, findings, options, fresh());
        let cursor = 0;
        let newCursor = 0;
        for (const rep of r.replacements) {
          expect(rep.start).toBeGreaterThanOrEqual(cursor);
          expect(rep.end).toBeGreaterThan(rep.start);
          expect(rep.newEnd).toBeGreaterThanOrEqual(rep.newStart);
          // Input between replacements is copied unchanged, in place.
          expect(r.text.slice(newCursor, rep.newStart)).toBe(text.slice(cursor, rep.start));
          expect(rep.newStart - newCursor).toBe(rep.start - cursor);
          expect(rep.operator).toBe(opOf(options, rep.type));
          const out = r.text.slice(rep.newStart, rep.newEnd);
          if (rep.operator === 'drop') expect(out).toBe('');
          if (isPlaceholderOp(rep.operator)) {
            expect(out).toMatch(/^\[[A-Z][A-Z0-9_]*_[1-9][0-9]*\]$/);
            expect(r.state.entries.some((e) => e.placeholder === out && e.type === rep.type)).toBe(true);
          }
          cursor = rep.end;
          newCursor = rep.newEnd;
        }
        expect(r.text.slice(newCursor)).toBe(text.slice(cursor));
        expect(r.text.length - newCursor).toBe(text.length - cursor);
        for (const f of findings) {
          if (WHOLE_TEXT_TYPES.has(f.type) || f.start === f.end) continue;
          expect(r.replacements.some((rep) => rep.start <= f.start && f.end <= rep.end)).toBe(true);
        }
        // Whole-text findings alone are never redacted.
        const onlyWhole = findings.filter((f) => WHOLE_TEXT_TYPES.has(f.type));
        expect(redact(text, onlyWhole, options, fresh()).text).toBe(text);
        // No lone surrogate is created.
        if (!LONE_SURROGATE.test(text)) expect(LONE_SURROGATE.test(r.text)).toBe(false);
      }),
      RUNS,
    );
  });

  it('placeholders are stable in a conversation and never collide with text already in it', () => {
    const messageArb = caseArb.chain((c) => fc.record({ text: fc.constant(c.text), findings: fc.constant(c.findings), reply: textArb }));
    fc.assert(
      fc.property(
        fc.array(messageArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        optionsArb,
        (first, again, options) => {
          // Earlier messages come back (edited replies, repeated values) so stability is exercised.
          const messages = [...first, ...again.map((k) => first[k % first.length] as (typeof first)[number])];
          let state = fresh();
          const issuedAt = new Map<string, number>();
          const keyOf = new Map<string, string>();
          const placeholderOf = new Map<string, string>();
          const outputs: { input: string; r: RedactResult; own: Set<number> }[] = [];
          messages.forEach((m, i) => {
            const r = redact(m.text, m.findings, options, state);
            const own = new Set<number>();
            for (const rep of r.replacements) {
              if (!isPlaceholderOp(rep.operator)) continue;
              const p = r.text.slice(rep.newStart, rep.newEnd);
              own.add(rep.newStart);
              if (!issuedAt.has(p)) issuedAt.set(p, i);
              // Stable: one placeholder per (type, value), one (type, value) per placeholder.
              const key = `${rep.type}\0${m.text.slice(rep.start, rep.end)}`;
              expect(placeholderOf.get(key) ?? p).toBe(p);
              expect(keyOf.get(p) ?? key).toBe(key);
              placeholderOf.set(key, p);
              keyOf.set(p, key);
            }
            outputs.push({ input: m.text, r, own });
            state = observe(m.reply, r.state);
          });
          const occurrences = (text: string, p: string) => {
            const at: number[] = [];
            for (let k = text.indexOf(p); k >= 0; k = text.indexOf(p, k + 1)) at.push(k);
            return at;
          };
          for (const [p, k] of issuedAt) {
            outputs.forEach(({ r, own }, j) => {
              // Ours, or the user referring in a later message to a placeholder issued before.
              for (const at of occurrences(r.text, p)) expect(own.has(at) || j > k).toBe(true);
            });
            // An AI reply before the placeholder was issued cannot contain it.
            messages.forEach((m, j) => {
              if (j < k) expect(m.reply.includes(p)).toBe(false);
            });
          }
          // With the final state, each message still restores exactly, unless the user referred to
          // an earlier placeholder (then the reference is expanded, by design).
          const restorable = state.entries.filter((e) => e.value !== undefined).map((e) => e.placeholder);
          for (const { input, r, own } of outputs) {
            const references = restorable.some((p) => occurrences(r.text, p).some((at) => !own.has(at)));
            if (!references) expect(restore(r.text, state)).toBe(expectedRestore(input, r));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('mask and drop never leak a whole value (values separated by other text)', () => {
    const VALUE_CHARS = '0123456789abcdefXYZ-._@:/+'.split('');
    const FILLER_CHARS = ['~', '^', 'é', '😀', '\n', '"', '%'];
    const PREFIXES = ['', '', 'ghp_', 'sk-ant-', 'AKIA', 'postgres://', '-----BEGIN RSA PRIVATE KEY-----', 'eyJ'];
    const SEPARATORS = VALUE_CHARS.filter((c) => !/[0-9a-zA-Z]/.test(c));
    const valueArb = fc.oneof(
      fc
        .tuple(fc.constantFrom(...PREFIXES), fc.string({ unit: fc.constantFrom(...VALUE_CHARS), minLength: 1, maxLength: 24 }))
        .map(([p, s]) => p + s),
      // Mostly separators: a mask that keeps separators must not echo these.
      fc.string({ unit: fc.constantFrom(...SEPARATORS, ...SEPARATORS, 'a', '1'), minLength: 6, maxLength: 12 }),
    );
    const fillerArb = (min: number) => fc.string({ unit: fc.constantFrom(...FILLER_CHARS), minLength: min, maxLength: 4 });
    const docArb = fc.array(fc.tuple(fc.constantFrom(...TYPES.filter((t) => !WHOLE_TEXT_TYPES.has(t))), valueArb, fillerArb(1)), {
      minLength: 1,
      maxLength: 8,
    });
    const maskOrDrop = fc.record({
      default: fc.constantFrom<RedactionOperator>('mask', 'drop'),
      byType: fc.dictionary(fc.constantFrom(...TYPES), fc.constantFrom<RedactionOperator>('mask', 'drop'), { maxKeys: 4 }),
    });
    fc.assert(
      fc.property(fillerArb(0), docArb, maskOrDrop, (lead, parts, options) => {
        const values = parts.map(([, v]) => v);
        // A value that is part of another value could be shown by that one's mask: not a leak.
        fc.pre(values.every((a) => values.every((b) => a === b || !b.includes(a))));
        let text = lead;
        const findings: Finding[] = [];
        for (const [type, value, filler] of parts) {
          findings.push({ type, start: text.length, end: text.length + value.length, confidence: 0.9 });
          text += value + filler;
        }
        const r = redact(text, findings, options, fresh());
        for (const v of values) if (v.length >= 6) expect(r.text.includes(v)).toBe(false);
      }),
      RUNS,
    );
  });

  it('mask and drop never leak a whole value into its replacement (overlapping findings)', () => {
    const maskOrDrop = fc.record({
      default: fc.constantFrom<RedactionOperator>('mask', 'drop'),
      byType: fc.dictionary(fc.constantFrom(...TYPES), fc.constantFrom<RedactionOperator>('mask', 'drop'), { maxKeys: 4 }),
    });
    fc.assert(
      fc.property(caseArb, maskOrDrop, ({ text, findings }, options) => {
        const r = redact(text, findings, options, fresh());
        for (const rep of r.replacements) {
          const out = r.text.slice(rep.newStart, rep.newEnd);
          for (const f of findings) {
            const value = text.slice(f.start, f.end);
            if (f.start >= rep.start && f.end <= rep.end && value.length >= 6) expect(out.includes(value)).toBe(false);
          }
        }
      }),
      RUNS,
    );
  });

  it('mask never shows a finding nested inside another one', () => {
    const OUTER: [FindingType, fc.Arbitrary<string>][] = [
      ['email', fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[a-z0-9]{6,14}\.example$/)).map(([l, d]) => `${l}@${d}`)],
      ['connection_string', fc.stringMatching(/^postgres:\/\/[a-z]{2,6}:[a-z0-9]{8,16}@db\.example$/)],
      ['github_token', fc.stringMatching(/^ghp_[A-Za-z0-9]{12,36}$/)],
      ['credit_card', fc.stringMatching(/^[0-9]{4} [0-9]{4} [0-9]{4} [0-9]{4}$/)],
      ['private_key', fc.stringMatching(/^-----BEGIN RSA PRIVATE KEY-----\n[A-Za-z0-9+/]{8,30}\n-----END RSA PRIVATE KEY-----$/)],
    ];
    const caseArb2 = fc
      .constantFrom(...OUTER)
      .chain(([type, value]) =>
        fc.tuple(fc.constant(type), value, fc.nat(), fc.nat(), fc.constantFrom<FindingType>('phone', 'password', 'email')),
      );
    fc.assert(
      fc.property(caseArb2, ([type, value, a, b, innerType]) => {
        const text = `see ${value} ok`;
        const start = 4 + (a % value.length);
        const end = Math.min(4 + value.length, start + 6 + (b % value.length));
        fc.pre(end - start >= 6);
        const inner = text.slice(start, end);
        const findings: Finding[] = [
          { type, start: 4, end: 4 + value.length, confidence: 0.8 },
          { type: innerType, start, end, confidence: 0.99 },
        ];
        const r = redact(text, findings, { default: 'mask' }, fresh());
        expect(r.text.includes(inner)).toBe(false);
        expect(r.text.includes(value)).toBe(false);
      }),
      RUNS,
    );
  });
});
