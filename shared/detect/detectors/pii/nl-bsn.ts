import { NUMBER } from '../../anchors.ts';
import type { Recognizer } from '../../recognizer.ts';
import type { FindingSink } from '../../types.ts';
import { bsnValid } from '../../validators/bsn.ts';
import { labelDistance, labelled } from './keywords.ts';
import { eachShape, type ShapeSet, compileShapes, shape } from './number-token.ts';

const SEPS = '. -\u00a0';
const SHAPES: ShapeSet = compileShapes([shape([4, 2, 3], SEPS), shape([3, 3, 3], SEPS), shape([9])]);
const BSN_WORDS = /\bbsn\b|burger ?service ?nummer|sofi[- ]?(?:nummer|nr)|citizen service number/gi;

function visit(text: string, s: number, e: number, _k: number, sink: FindingSink): boolean {
  if (!bsnValid(text, s, e)) return false;
  const dist = labelDistance(text, s, e, BSN_WORDS);
  sink.add('nl_bsn', s, e, dist >= 0 ? labelled(0.9, dist) : 0.25);
  return true;
}

/**
 * Dutch citizen service numbers (BSN): nine digits passing the 11-test, written `111222333`,
 * `1112.22.333` or `111 222 333`. One random nine-digit number in eleven passes the test, so a BSN
 * is only reported next to `BSN`, `burgerservicenummer` or `sofinummer`: 0.9 (minus 0.001 per
 * character of distance); without one 0.25 (not reported by default).
 */
export const nlBsn: Recognizer = {
  type: 'nl_bsn',
  anchors: [NUMBER],
  match(text, start, end, sink) {
    if (end - start >= 9) eachShape(text, start, end, SHAPES, visit, sink);
  },
};
