import { NUMBER } from '../../anchors.ts';
import type { Recognizer } from '../../recognizer.ts';
import type { FindingSink } from '../../types.ts';
import { verhoeffValid } from '../../validators/verhoeff.ts';
import { GENERIC, labelDistance, labelled, labelOrGeneric, REFERENCE_WORDS } from './keywords.ts';
import { eachShape, sameDigits, type ShapeSet, compileShapes, shape } from './number-token.ts';

const SHAPES: ShapeSet = compileShapes([shape([4, 4, 4], ' -\u00a0'), shape([12])]);
const AADHAAR_WORDS = /aadhaa?r|\buidai?\b|आधार/gi;

function visit(text: string, s: number, e: number, k: number, sink: FindingSink): boolean {
  // Aadhaar numbers never start with 0 or 1.
  if (text.charCodeAt(s) < 50 || !verhoeffValid(text, s, e) || sameDigits(text, s, e)) return false;
  const dist = labelOrGeneric(text, s, e, AADHAAR_WORDS);
  let conf: number;
  if (dist >= 0) conf = labelled(k === 0 ? 0.95 : 0.9, dist);
  else if (dist === GENERIC) conf = 0.8;
  else if (labelDistance(text, s, e, REFERENCE_WORDS, 32, 16) >= 0) conf = 0.3;
  else conf = k === 0 ? 0.6 : 0.4;
  sink.add('in_aadhaar', s, e, conf);
  return true;
}

/**
 * Indian Aadhaar numbers: twelve digits, first digit 2-9, Verhoeff-valid, written `2345 6789 0124`,
 * `2345-6789-0124` or compact. Confidence 0.95 grouped / 0.9 compact next to `Aadhaar` / `UID` or
 * under such a column header (minus 0.001 per character of distance); next to a generic
 * national-id word (`national_id`, `identity`) 0.8; grouped 4-4-4 without a label 0.6; compact without a
 * label 0.4 (not reported by default: one twelve-digit number in ten passes Verhoeff); 0.3 near
 * order / invoice words.
 */
export const inAadhaar: Recognizer = {
  type: 'in_aadhaar',
  anchors: [NUMBER],
  match(text, start, end, sink) {
    if (end - start >= 12) eachShape(text, start, end, SHAPES, visit, sink);
  },
};
