import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../shared/policy/schema.ts';
import { hunks, lineDiff, policyLines } from './diff.ts';
import { withAppAction } from './policy-api.ts';

describe('policy diff', () => {
  it('finds inserted, removed and kept lines', () => {
    expect(lineDiff(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([
      { kind: ' ', text: 'a' },
      { kind: '-', text: 'b' },
      { kind: '+', text: 'x' },
      { kind: ' ', text: 'c' },
      { kind: '+', text: 'd' },
    ]);
  });

  it('ignores key order and shows only changed lines with context', () => {
    const a = { b: 1, a: { y: 2, x: 1 } };
    const b = { a: { x: 1, y: 2 }, b: 1 };
    expect(lineDiff(policyLines(a), policyLines(b)).every((l) => l.kind === ' ')).toBe(true);
    const long = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const changed = [...long.slice(0, 10), 'new', ...long.slice(10)];
    const h = hunks(lineDiff(long, changed), 1);
    expect(h).toEqual([null, { kind: ' ', text: 'l9' }, { kind: '+', text: 'new' }, { kind: ' ', text: 'l10' }, null]);
  });

  it('summarizes hash lists instead of printing them', () => {
    const lines = policyLines({ detectors: [{ hashes: ['a'.repeat(64), 'b'.repeat(64)], fingerprints: [1, 2, 3] }] });
    expect(lines.join('\n')).toContain('"[2 hashes]"');
    expect(lines.join('\n')).toContain('"[3 fingerprints]"');
    expect(lines.join('\n')).not.toContain('a'.repeat(64));
  });
});

describe('withAppAction', () => {
  it('puts one rule for the app first and drops earlier single-app rules for it', () => {
    const p = defaultPolicy();
    p.apps.rules = [
      { apps: ['deepseek'], action: 'warn' },
      { apps: ['deepseek', 'qwen'], action: 'block' },
      { apps: ['deepseek'], groups: ['eng'], action: 'sanctioned' },
    ];
    const out = withAppAction(p, 'deepseek', 'block');
    expect(out.apps.rules).toEqual([
      { apps: ['deepseek'], action: 'block' },
      { apps: ['deepseek', 'qwen'], action: 'block' },
      { apps: ['deepseek'], groups: ['eng'], action: 'sanctioned' },
    ]);
    expect(p.apps.rules).toHaveLength(3); // the input is not changed
  });
});
