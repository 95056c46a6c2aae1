import { describe, expect, it } from 'vitest';
import { labelDistance, labelled, REFERENCE_WORDS } from './keywords.ts';

const SSN = /\bssn\b/gi;

describe('labelDistance', () => {
  it('measures from the nearest label before or after', () => {
    const t = 'SSN: 123-45-6789';
    expect(labelDistance(t, 5, 16, SSN)).toBe(2);
    const u = '123-45-6789 (SSN)';
    expect(labelDistance(u, 0, 11, SSN)).toBe(2);
    const v = 'ssn ssn, and then: 123-45-6789';
    expect(labelDistance(v, 19, 30, SSN)).toBe(12);
  });

  it('is -1 without a label in the window', () => {
    const t = `SSN ${'x'.repeat(60)} 123-45-6789`;
    expect(labelDistance(t, t.length - 11, t.length, SSN)).toBe(-1);
    expect(labelDistance('123-45-6789', 0, 11, SSN)).toBe(-1);
  });

  it('lets the nearer label win', () => {
    expect(labelled(0.9, 2)).toBeGreaterThan(labelled(0.9, 20));
    expect(labelled(0.9, 40)).toBeGreaterThan(0.85);
  });

  it('knows business reference words', () => {
    expect(labelDistance('Order #4111111111111111', 7, 23, REFERENCE_WORDS)).toBeGreaterThanOrEqual(0);
    expect(labelDistance('Card 4111111111111111', 5, 21, REFERENCE_WORDS)).toBe(-1);
  });
});
