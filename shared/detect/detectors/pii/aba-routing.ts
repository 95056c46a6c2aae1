import { NUMBER } from '../../anchors.ts';
import type { Recognizer } from '../../recognizer.ts';
import type { FindingSink } from '../../types.ts';
import { abaValid } from '../../validators/aba.ts';
import { labelDistance, labelled, labelNear, REFERENCE_WORDS } from './keywords.ts';
import { eachShape, type ShapeSet, compileShapes, shape } from './number-token.ts';

const SHAPES: ShapeSet = compileShapes([shape([4, 4, 1], '-'), shape([9])]);
const ABA_WORDS = /routing|\baba\b|\brtn\b|transit|\bach\b|fedwire|\bwire\b/gi;

function visit(text: string, s: number, e: number, k: number, sink: FindingSink): boolean {
  if (!abaValid(text, s, e)) return false;
  const dist = labelNear(text, s, e, ABA_WORDS);
  let conf: number;
  if (dist >= 0) conf = labelled(0.9, dist);
  // `0711-0130-7`: the 4-4-1 form (check digit apart) is the routing number's own.
  else if (k === 0 && labelDistance(text, s, e, REFERENCE_WORDS, 32, 16) < 0) conf = 0.6;
  else conf = 0.25;
  sink.add('aba_routing', s, e, conf);
  return true;
}

/**
 * US ABA routing transit numbers: nine digits with the 3-7-1 checksum and an assigned first pair
 * (00-12, 21-32, 61-72, 80), written `021000021` or `0210-0002-1`. One random nine-digit number in
 * about twenty-five passes, so a compact routing number is only reported next to `routing`, `ABA`,
 * `RTN`, `transit`, `ACH` or `wire` or under such a column header: 0.9 (minus 0.001 per character of
 * distance); without one 0.25 (not reported by default). The dashed 4-4-1 form without a label
 * 0.6.
 */
export const abaRouting: Recognizer = {
  type: 'aba_routing',
  anchors: [NUMBER],
  match(text, start, end, sink) {
    if (end - start >= 9) eachShape(text, start, end, SHAPES, visit, sink);
  },
};
