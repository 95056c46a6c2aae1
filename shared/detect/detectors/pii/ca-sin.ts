import { NUMBER } from '../../anchors.ts';
import type { Recognizer } from '../../recognizer.ts';
import type { FindingSink } from '../../types.ts';
import { luhnValid } from '../../validators/luhn.ts';
import { GENERIC, labelDistance, labelled, labelOrGeneric, REFERENCE_WORDS } from './keywords.ts';
import { DASH, eachShape, sameDigits, type ShapeSet, compileShapes, shape } from './number-token.ts';

const SHAPES: ShapeSet = compileShapes([shape([3, 3, 3], ' -\u00a0'), shape([9])]);
const SIN_WORDS = /\bsin\b|social insurance|assurance sociale|\bnas\b/gi;

function visit(text: string, s: number, e: number, k: number, sink: FindingSink): boolean {
  // The first digit is a region (1-7) or 9 (temporary residents): 8 is used for business numbers
  // and 0 is never assigned (fictitious examples such as 046 454 286 start with it).
  const first = text.charCodeAt(s);
  if (first === 48 || first === 56 || !luhnValid(text, s, e) || sameDigits(text, s, e)) return false;
  const dist = labelOrGeneric(text, s, e, SIN_WORDS);
  let conf: number;
  if (dist >= 0) conf = labelled(k === 0 ? 0.95 : 0.9, dist);
  else if (dist === GENERIC) conf = 0.78;
  else if (k === 1) conf = 0.3;
  else if (labelDistance(text, s, e, REFERENCE_WORDS, 32, 16) >= 0) conf = 0.3;
  else conf = text.charCodeAt(s + 3) === DASH ? 0.6 : 0.5;
  sink.add('ca_sin', s, e, conf);
  return true;
}

/**
 * Canadian Social Insurance numbers: nine digits, Luhn-valid, written `130 692 544`,
 * `130-692-544` or `130692544`; never starting with 0 (not assigned) or 8 (business numbers).
 *
 * Confidence: 0.95 grouped / 0.9 compact next to `SIN` / `social insurance` / `NAS` or under such a
 * column header (minus 0.001 per character of distance); next to a generic national-id word 0.78
 * (above an SSN, below a BSN that passes its 11-test too); grouped without a label 0.6 with dashes,
 * 0.5 with spaces (thousands are grouped the same way); bare nine digits without a label 0.3 (one
 * in ten random numbers passes Luhn), as is anything near order / invoice words.
 */
export const caSin: Recognizer = {
  type: 'ca_sin',
  anchors: [NUMBER],
  match(text, start, end, sink) {
    if (end - start >= 9) eachShape(text, start, end, SHAPES, visit, sink);
  },
};
