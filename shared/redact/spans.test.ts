import { describe, expect, it } from 'vitest';
import type { Finding, FindingType } from '../detect/types.ts';
import { isRedactable, redactSpans } from './spans.ts';

const f = (type: FindingType, start: number, end: number, confidence = 0.9): Finding => ({ type, start, end, confidence });
const TEXT = 'x'.repeat(100);

describe('redactSpans', () => {
  it('keeps separate findings separate, sorted, including touching ones', () => {
    expect(redactSpans(TEXT, [f('email', 20, 30), f('phone', 0, 10), f('iban', 10, 20)])).toEqual([
      { start: 0, end: 10, type: 'phone', strict: false },
      { start: 10, end: 20, type: 'iban', strict: false },
      { start: 20, end: 30, type: 'email', strict: false },
    ]);
  });

  it('merges nested findings into the outer one', () => {
    expect(redactSpans(TEXT, [f('password', 20, 26, 0.99), f('connection_string', 5, 40, 0.8)])).toEqual([
      { start: 5, end: 40, type: 'connection_string', strict: true },
    ]);
  });

  it('merges partly overlapping findings into their union, typed by the longest', () => {
    expect(redactSpans(TEXT, [f('phone', 0, 10), f('credit_card', 5, 25), f('email', 24, 30)])).toEqual([
      { start: 0, end: 30, type: 'credit_card', strict: true },
    ]);
  });

  it('breaks ties by confidence, then type id; identical spans are not strict', () => {
    expect(redactSpans(TEXT, [f('ca_sin', 0, 9, 0.7), f('us_ssn', 0, 9, 0.9)])).toEqual([
      { start: 0, end: 9, type: 'us_ssn', strict: false },
    ]);
    expect(redactSpans(TEXT, [f('us_ssn', 0, 9), f('ca_sin', 0, 9)])).toEqual([{ start: 0, end: 9, type: 'ca_sin', strict: false }]);
  });

  it('skips whole-text findings and empty spans', () => {
    expect(redactSpans(TEXT, [f('source_code', 0, 100), f('confidential_marking', 0, 12), f('email', 5, 5)])).toEqual([]);
    expect(isRedactable(f('source_code', 0, 1))).toBe(false);
    expect(isRedactable(f('tenant:codename', 0, 1))).toBe(true);
  });

  it('widens findings to whole code points', () => {
    const text = 'a😀b😀c'; // a=0, 😀=1..2, b=3, 😀=4..5, c=6
    expect(redactSpans(text, [f('phone', 2, 4)])).toEqual([{ start: 1, end: 4, type: 'phone', strict: false }]);
    expect(redactSpans(text, [f('phone', 3, 5)])).toEqual([{ start: 3, end: 6, type: 'phone', strict: false }]);
    // Two findings that split the same pair end up overlapping and merge.
    expect(redactSpans(text, [f('phone', 0, 2), f('email', 2, 3)])).toEqual([{ start: 0, end: 3, type: 'phone', strict: true }]);
    // A lone surrogate is left alone.
    expect(redactSpans('a\ud800b', [f('phone', 1, 2)])).toEqual([{ start: 1, end: 2, type: 'phone', strict: false }]);
  });

  it('rejects findings outside the text instead of guessing', () => {
    expect(() => redactSpans('short', [f('email', 0, 6)])).toThrow(RangeError);
    expect(() => redactSpans('short', [f('email', -1, 2)])).toThrow(RangeError);
    expect(() => redactSpans('short', [f('email', 3, 2)])).toThrow(RangeError);
    expect(() => redactSpans('short', [f('email', 0.5, 2)])).toThrow(RangeError);
  });
});
