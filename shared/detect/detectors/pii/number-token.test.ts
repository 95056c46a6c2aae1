import { describe, expect, it } from 'vitest';
import type { FindingSink } from '../../types.ts';
import { compileShapes, eachShape, isWordCode, sameDigits, shape, standsApart } from './number-token.ts';

const SHAPES = compileShapes([
  shape([3, 2, 4], '- '),
  shape([4, 4, 4, 4], ' -', { tail: 3 }),
  shape([3, 3, 3, 2], '..-', { exact: true }),
  shape([9]),
]);

/** The runs `eachShape` offers over the whole text taken as one hit, as `k:value`. */
function walk(text: string, accept = true): string[] {
  const out: string[] = [];
  const sink: FindingSink = { add() {} };
  eachShape(
    text,
    0,
    text.length,
    SHAPES,
    (t, s, e, k) => {
      out.push(`${k}:${t.slice(s, e)}`);
      return accept;
    },
    sink,
  );
  return out;
}

describe('eachShape', () => {
  it.each([
    ['123-45-6789', ['0:123-45-6789']],
    ['123 45 6789', ['0:123 45 6789']],
    ['123456789', ['3:123456789']],
    ['4111 1111 1111 1111', ['1:4111 1111 1111 1111']],
    ['123.456.789-09', ['2:123.456.789-09']],
    // Several values and other numbers in one token, set apart by spaces.
    ['2024-01-15 123-45-6789', ['0:123-45-6789']],
    ['123-45-6789 987-65-4321', ['0:123-45-6789', '0:987-65-4321']],
    ['12 123456789 34', ['3:123456789']],
    // A short tail after a card with the same separator (expiry, CVV).
    ['4111 1111 1111 1111 12/26', ['1:4111 1111 1111 1111']],
  ])('finds the runs in %j', (text, runs) => {
    expect(walk(text)).toEqual(runs);
  });

  it.each([
    ['mixed separators', '123-45 6789'],
    ['wrong group lengths', '1234-5-6789'],
    ['longer number with the same separator', '123-45-6789-12'],
    ['space-grouped value inside a longer space-grouped number', '7 4111 1111 1111 1111'],
    ['card followed by a fifth group of four', '4111 1111 1111 1111 1111'],
    ['compact joined by a dash', '12-123456789'],
    ['decimal', '123456789.50'],
    ['exact separators wrong', '123.456.789.09'],
    ['single digits', '1 1 1 1 1 1 1 1 1 1 1 1'],
  ])('offers nothing for %s', (_why, text) => {
    expect(walk(text)).toEqual([]);
  });

  it('offers a run once and moves on when the visitor declines', () => {
    expect(walk('123-45-6789', false)).toEqual(['0:123-45-6789']);
  });

  it('walks 1 MB of single-digit groups quickly', () => {
    const text = `${'1 '.repeat(500_000)}123-45-6789`;
    const t0 = Date.now();
    expect(walk(text)).toEqual(['0:123-45-6789']);
    expect(Date.now() - t0).toBeLessThan(1_000);
  });
});

describe('standsApart', () => {
  it.each([
    ['SSN 123456789.', 4, 13, true],
    ['ssn=123456789;', 4, 13, true],
    ['v123456789', 1, 10, false],
    ['ORD-123456789', 4, 13, false],
    ['$123456789', 1, 10, false],
    ['+123456789', 1, 10, false],
    ['123456789%', 0, 9, false],
    ['123456789abc', 0, 9, false],
    ['123456789.pdf', 0, 9, false],
  ] as const)('%j [%d, %d) -> %s', (text, s, e, ok) => {
    expect(standsApart(text, s, e, s, e, 0)).toBe(ok);
  });
});

describe('character helpers', () => {
  it('treats letters of any script as word characters, not spaces or emoji', () => {
    expect(['a', 'Z', '5', '_', 'é', 'ж', '中'].every((c) => isWordCode(c.charCodeAt(0)))).toBe(true);
    expect([' ', '-', '\u00a0', '☎', '\ud83d'].some((c) => isWordCode(c.charCodeAt(0)))).toBe(false);
    expect(isWordCode(Number.NaN)).toBe(false);
  });

  it('spots a single repeated digit', () => {
    expect(sameDigits('111-11-1111', 0, 11)).toBe(true);
    expect(sameDigits('111-11-1112', 0, 11)).toBe(false);
  });
});
