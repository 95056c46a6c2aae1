import { describe, expect, it } from 'vitest';
import { ADVERSARIAL_UNITS, adversarialText } from './adversarial.ts';
import { builtinScanner } from './index.ts';

// A recognizer that rescans or backtracks turns 1 MB into minutes; the default test time-out
// catches that. Throughput figures are printed by `npm run bench`, not asserted here.
describe('adversarial input stays linear', () => {
  const scanner = builtinScanner();
  it.each(ADVERSARIAL_UNITS.map((a) => [a.name, a.unit] as const))('%s', (_name, unit) => {
    const text = adversarialText(unit);
    const findings = scanner.scan(text);
    for (const f of findings) {
      expect(f.start).toBeGreaterThanOrEqual(0);
      expect(f.end).toBeLessThanOrEqual(text.length);
      expect(f.end).toBeGreaterThan(f.start);
    }
    // Near-matches are not values: nothing but whole-text classifications may come out.
    expect(findings.filter((f) => f.type !== 'source_code' && f.type !== 'confidential_marking').map((f) => f.type)).toEqual([]);
  });
});
