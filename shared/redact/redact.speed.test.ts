/**
 * Redaction must stay linear: 1 MB with 10,000 findings, with every operator. A quadratic step
 * (splicing, re-scanning the output per finding) would take seconds here.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../detect/types.ts';
import { redact, type RedactionOperator } from './redact.ts';
import { restore } from './restore.ts';
import { createRedactionState } from './state.ts';

function bigText(bytes: number, findings: number): { text: string; findings: Finding[] } {
  const parts: string[] = [];
  const out: Finding[] = [];
  let len = 0;
  const gap = Math.floor(bytes / findings);
  for (let i = 0; i < findings; i++) {
    // Half the values repeat, so the stable lookup is exercised as well as new numbers.
    const value = `user${i % (findings / 2)}@mail${i % 7}.example`;
    const filler = 'lorem ipsum [EMAIL_3] dolor '.repeat(Math.ceil(gap / 28)).slice(0, gap - value.length - 1);
    parts.push(filler, ' ', value);
    out.push({ type: 'email', start: len + filler.length + 1, end: len + filler.length + 1 + value.length, confidence: 0.9 });
    len += filler.length + 1 + value.length;
  }
  return { text: parts.join(''), findings: out };
}

describe('redact speed', () => {
  const { text, findings } = bigText(1_000_000, 10_000);

  it.each<RedactionOperator>(['mask', 'placeholder', 'pseudonymize', 'drop'])('1 MB, 10,000 findings, %s', (operator) => {
    const state = createRedactionState('ab'.repeat(16));
    redact(text.slice(0, 10_000), findings.slice(0, 50), { default: operator }, state); // warm-up
    const t0 = Date.now();
    const r = redact(text, findings, { default: operator }, state);
    const ms = Date.now() - t0;
    expect(r.replacements).toHaveLength(10_000);
    if (operator === 'pseudonymize') {
      const t1 = Date.now();
      expect(restore(r.text, r.state)).toBe(text);
      expect(Date.now() - t1).toBeLessThan(1500);
    }
    // Typically tens of ms; the bound is loose for a loaded 2-core machine.
    expect(ms).toBeLessThan(1500);
  });
});
