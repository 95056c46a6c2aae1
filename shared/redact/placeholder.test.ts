import { describe, expect, it } from 'vitest';
import { forEachPlaceholderToken, formatPlaceholder, placeholderLabel } from './placeholder.ts';

const tokens = (text: string) => {
  const out: [string, number][] = [];
  forEachPlaceholderToken(text, (t, i) => out.push([t, i]));
  return out;
};

describe('placeholders', () => {
  it.each([
    ['email', 'EMAIL'],
    ['credit_card', 'CREDIT_CARD'],
    ['tenant:project-falcon', 'TENANT_PROJECT_FALCON'],
    ['tenant:a.b_c', 'TENANT_A_B_C'],
    ['tenant:9lives', 'TENANT_9LIVES'],
  ] as const)('label of %s is %s', (type, label) => {
    expect(placeholderLabel(type)).toBe(label);
    // Every placeholder we format is found by the token scan.
    expect(tokens(`x${formatPlaceholder(label, 12)}y`)).toEqual([[`[${label}_12]`, 1]]);
  });

  it('finds placeholder-shaped tokens and nothing else', () => {
    expect(tokens('[EMAIL_1] [CREDIT_CARD_22][[US_SSN_3]] x[EMAIL_10]y')).toEqual([
      ['[EMAIL_1]', 0],
      ['[CREDIT_CARD_22]', 10],
      ['[US_SSN_3]', 27],
      ['[EMAIL_10]', 40],
    ]);
    for (const not of [
      '[email_1]',
      '[EMAIL_01]',
      '[EMAIL_0]',
      '[EMAIL]',
      '[EMAIL_1',
      'EMAIL_1]',
      '[_1]',
      '[1_1]',
      '[EMAIL_1 ]',
      'plain prose',
    ]) {
      expect(tokens(not)).toEqual([]);
    }
  });

  it('stays linear on hostile input', () => {
    const hostile = `[${'A_1'.repeat(30)}`.repeat(20_000) + '['.repeat(200_000);
    const t0 = Date.now();
    expect(tokens(hostile)).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
