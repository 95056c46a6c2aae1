import { NUMBER } from '../../anchors.ts';
import type { Recognizer } from '../../recognizer.ts';
import type { FindingSink } from '../../types.ts';
import { ssnValid } from '../../validators/ssn.ts';
import { GENERIC, labelDistance, labelled, labelOrGeneric, REFERENCE_WORDS } from './keywords.ts';
import { DASH, DOT, eachShape, sameDigits, type ShapeSet, compileShapes, shape } from './number-token.ts';

const SHAPES: ShapeSet = compileShapes([shape([3, 2, 4], '- .\u00a0'), shape([9])]);
const SSN_WORDS = /\bssns?\b|social[ -]?security|\bsoc\.? ?sec\b|\bss ?(?:#|no\b|num)/gi;

function visit(text: string, s: number, e: number, k: number, sink: FindingSink): boolean {
  if (!ssnValid(text, s, e) || sameDigits(text, s, e)) return false;
  const sep = k === 0 ? text.charCodeAt(s + 3) : 0;
  const dist = labelOrGeneric(text, s, e, SSN_WORDS);
  let conf: number;
  if (dist >= 0) conf = labelled(k === 0 ? 0.95 : 0.85, dist);
  else if (dist === GENERIC) conf = k === 0 ? 0.75 : 0.7;
  else if (k === 1) conf = 0.3;
  else if (labelDistance(text, s, e, REFERENCE_WORDS, 32, 16) >= 0) conf = 0.3;
  else conf = sep === DASH ? 0.6 : sep === DOT ? 0.52 : 0.55;
  sink.add('us_ssn', s, e, conf);
  return true;
}

/**
 * US Social Security numbers: `123-45-6789`, `123 45 6789`, `123.45.6789` or `123456789`. Never
 * reported: area 000, 666 or 900-999, group 00, serial 0000, one repeated digit, the voided sample
 * numbers.
 *
 * Confidence: 0.95 grouped / 0.85 compact next to `SSN` / `social security` or under such a column
 * header (minus 0.001 per character of distance); next to a generic national-id word (`national_id`,
 * `identity`) 0.75 grouped / 0.7 compact, below the identifiers with a checksum (BSN, SIN), which
 * win when they pass too; without a label, 3-2-4 grouping is the SSN's own: 0.6 with dashes, 0.55
 * with spaces, 0.52 with dots (0.3 near order / invoice / tracking words); bare nine digits without
 * a label 0.3, i.e. not reported by default, since most nine-digit numbers are something else.
 */
export const usSsn: Recognizer = {
  type: 'us_ssn',
  anchors: [NUMBER],
  match(text, start, end, sink) {
    if (end - start >= 9) eachShape(text, start, end, SHAPES, visit, sink);
  },
};
