import { NUMBER } from '../../anchors.ts';
import type { Recognizer } from '../../recognizer.ts';
import type { FindingSink } from '../../types.ts';
import { npiValid } from '../../validators/npi.ts';
import { labelled, labelNear } from './keywords.ts';
import { eachShape, type ShapeSet, compileShapes, shape } from './number-token.ts';

const SHAPES: ShapeSet = compileShapes([shape([10])]);
const NPI_WORDS = /\bnpi\b|provider|nppes|prescriber|physician|clinician/gi;

function visit(text: string, s: number, e: number, _k: number, sink: FindingSink): boolean {
  if (!npiValid(text, s, e)) return false;
  const dist = labelNear(text, s, e, NPI_WORDS);
  sink.add('us_npi', s, e, dist >= 0 ? labelled(0.9, dist) : 0.4);
  return true;
}

/**
 * US National Provider Identifiers: ten digits starting with 1 or 2, Luhn-valid behind the prefix
 * 80840. Confidence 0.9 (minus 0.001 per character of distance) next to, or under a column header
 * saying, `NPI`, `provider`, `NPPES`, `prescriber`; 0.4 without (not reported by default: one in ten ten-digit numbers that
 * start with 1 or 2 passes, Unix timestamps among them).
 */
export const usNpi: Recognizer = {
  type: 'us_npi',
  anchors: [NUMBER],
  match(text, start, end, sink) {
    if (end - start >= 10) eachShape(text, start, end, SHAPES, visit, sink);
  },
};
