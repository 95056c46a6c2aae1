import { RE2JS } from 're2js';
import type { z } from 'zod';
import { describeDetector, type TenantPass, TenantDetectorError } from './pass.ts';
import type { RegexDetector } from './schema.ts';

/** A regex detector after schema parsing (defaults filled in). */
export type RegexDetectorConfig = z.output<typeof RegexDetector>;

/**
 * At most this many findings per text and detector: a pattern such as `\w` would otherwise turn a
 * 1 MB paste into a million findings. The text is flagged long before that.
 */
export const MAX_REGEX_FINDINGS = 50_000;

/**
 * Compiles a regex detector with re2js, a linear-time RE2 engine: no backtracking, so a tenant
 * pattern such as `(a+)+$` cannot hang the scanner, and RE2 syntax only (no backreferences, no
 * lookaround; `^`/`$` match at the ends of the text, use `(?m)` for lines). Offsets are UTF-16 string
 * indices (re2js matches strings as UTF-16). Empty matches are skipped.
 *
 * Throws {@link TenantDetectorError} naming the detector when RE2 cannot compile the pattern.
 *
 * @example
 * const pass = compileRegex({ kind: 'regex', id: 'tickets', name: 'Tickets', pattern: 'PRJ-\\d{4}',
 *   caseInsensitive: false, confidence: 0.9 });
 * pass('see PRJ-1234', sink); // sink.add('tenant:tickets', 4, 12, 0.9)
 */
export function compileRegex(d: RegexDetectorConfig): TenantPass {
  let re: RE2JS;
  try {
    re = RE2JS.compile(d.pattern, d.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new TenantDetectorError(`${describeDetector(d)}: pattern is not valid RE2 syntax: ${why}`);
  }
  const type = `tenant:${d.id}` as const;
  const { confidence } = d;
  return (text, sink) => {
    // `test` runs re2js's DFA, several times faster than the capturing matcher; most texts do not
    // match at all, so they never pay for the matcher.
    if (!re.test(text)) return;
    const m = re.matcher(text);
    let n = 0;
    while (n < MAX_REGEX_FINDINGS && m.find()) {
      const start = m.start();
      const end = m.end();
      if (end <= start) continue;
      sink.add(type, start, end, confidence);
      n++;
    }
  };
}
