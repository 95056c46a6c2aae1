import { NUMBER } from '../../anchors.ts';
import type { Recognizer } from '../../recognizer.ts';
import type { FindingSink } from '../../types.ts';
import { bsnValid } from '../../validators/bsn.ts';
import { GENERIC, labelDistance, labelled, labelOrGeneric, REFERENCE_WORDS } from './keywords.ts';
import { DASH, DOT, eachShape, sameDigits, type ShapeSet, compileShapes, shape } from './number-token.ts';

const SEPS = '. -\u00a0';
const SHAPES: ShapeSet = compileShapes([shape([4, 2, 3], SEPS), shape([3, 3, 3], SEPS), shape([9])]);
const BSN_WORDS = /\bbsn\b|burger ?service ?nummer|sofi[- ]?(?:nummer|nr)|citizen service number/gi;

function visit(text: string, s: number, e: number, k: number, sink: FindingSink): boolean {
  if (!bsnValid(text, s, e) || sameDigits(text, s, e)) return false;
  const dist = labelOrGeneric(text, s, e, BSN_WORDS);
  let conf: number;
  if (dist >= 0) conf = labelled(0.9, dist);
  // Dashes are how SINs are written, not BSNs: a dashed number under a generic label is left to ca_sin.
  else if (dist === GENERIC) conf = k > 0 && text.charCodeAt(s + 3) === DASH ? 0.7 : 0.8;
  // `1112.22.333`: the dotted 4-2-3 form is the BSN's own (municipal letters print it so).
  else if (k === 0 && text.charCodeAt(s + 4) === DOT && labelDistance(text, s, e, REFERENCE_WORDS, 32, 16) < 0) conf = 0.6;
  else conf = 0.25;
  sink.add('nl_bsn', s, e, conf);
  return true;
}

/**
 * Dutch citizen service numbers (BSN): nine digits passing the 11-test, written `111222333`,
 * `1112.22.333` or `111 222 333`. One random nine-digit number in eleven passes the test, so a BSN
 * is reported next to `BSN`, `burgerservicenummer` or `sofinummer` or under such a column header:
 * 0.9 (minus 0.001 per character of distance); next to a generic national-id word (`national_id`,
 * `identity`) 0.8, above an SSN or SIN that the same digits may also pass (0.7 for the SIN's dashed
 * `123-456-782` form); the dotted `1112.22.333`
 * form without a label 0.6; otherwise 0.25 (not reported by default).
 */
export const nlBsn: Recognizer = {
  type: 'nl_bsn',
  anchors: [NUMBER],
  match(text, start, end, sink) {
    if (end - start >= 9) eachShape(text, start, end, SHAPES, visit, sink);
  },
};
