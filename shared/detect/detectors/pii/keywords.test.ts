import { describe, expect, it } from 'vitest';
import { HEADER_DISTANCE, ID_WORDS, labelDistance, labelled, labelNear, REFERENCE_WORDS } from './keywords.ts';

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

  it('leaves a label to the number right after it', () => {
    const t = '"phone": "06-61764728",\n  "id": "482030001"';
    expect(labelDistance(t, t.length - 10, t.length - 1, /\bphone\b/gi)).toBe(-1);
    const u = 'ssn 521-37-4096, account 482030001';
    expect(labelDistance(u, 25, 34, SSN)).toBe(-1);
    expect(labelDistance(u, 4, 15, SSN)).toBe(1);
    // Short numbers in between (an item number) do not take the label.
    const v = 'SSN (2) 521-37-4096';
    expect(labelDistance(v, 8, 19, SSN)).toBe(5);
    // Nor does a label after the candidate with another number in between.
    const w = '521-37-4096 482030001 ssn';
    expect(labelDistance(w, 0, 11, SSN)).toBe(-1);
  });

  it('reads a column header when no label is near', () => {
    const t = 'id,name,ssn\n1001,Bo,482030001';
    expect(labelNear(t, 20, 29, SSN)).toBe(HEADER_DISTANCE);
    expect(labelNear('id,name,acct\n1,Bo,482030001', 18, 27, SSN)).toBe(-1);
    expect(labelNear('SSN: 482030001', 5, 14, SSN)).toBe(2);
  });

  it('knows generic national-id words', () => {
    for (const t of ['"national_id": "', 'National ID: ', 'identity check: read out ', 'ID card no. ', 'citizen number ']) {
      expect(labelDistance(`${t}482030001`, t.length, t.length + 9, ID_WORDS), t).toBeGreaterThanOrEqual(0);
    }
    for (const t of ['user id ', 'ID: ', 'identify the caller ', 'nationality ']) {
      expect(labelDistance(`${t}482030001`, t.length, t.length + 9, ID_WORDS), t).toBe(-1);
    }
  });
});
