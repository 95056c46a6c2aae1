import { NUMBER } from '../../anchors.ts';
import type { Recognizer } from '../../recognizer.ts';
import type { FindingSink } from '../../types.ts';
import { abaValid } from '../../validators/aba.ts';
import { labelDistance, labelled } from './keywords.ts';
import { eachShape, type ShapeSet, compileShapes, shape } from './number-token.ts';

const SHAPES: ShapeSet = compileShapes([shape([9])]);
const ABA_WORDS = /routing|\baba\b|\brtn\b|transit|\bach\b|fedwire|\bwire\b/gi;

function visit(text: string, s: number, e: number, _k: number, sink: FindingSink): boolean {
  if (!abaValid(text, s, e)) return false;
  const dist = labelDistance(text, s, e, ABA_WORDS);
  sink.add('aba_routing', s, e, dist >= 0 ? labelled(0.9, dist) : 0.25);
  return true;
}

/**
 * US ABA routing transit numbers: nine digits with the 3-7-1 checksum and an assigned first pair
 * (00-12, 21-32, 61-72, 80). One random nine-digit number in about twenty-five passes, so a routing
 * number is only reported next to `routing`, `ABA`, `RTN`, `transit`, `ACH` or `wire`: 0.9 (minus
 * 0.001 per character of distance); without one 0.25 (not reported by default).
 */
export const abaRouting: Recognizer = {
  type: 'aba_routing',
  anchors: [NUMBER],
  match(text, start, end, sink) {
    if (end - start >= 9) eachShape(text, start, end, SHAPES, visit, sink);
  },
};
