import { NUMBER } from '../../anchors.ts';
import type { Recognizer } from '../../recognizer.ts';
import type { FindingSink } from '../../types.ts';
import { cpfValid } from '../../validators/cpf.ts';
import { GENERIC, labelled, labelOrGeneric } from './keywords.ts';
import { eachShape, type ShapeSet, compileShapes, shape } from './number-token.ts';

const SHAPES: ShapeSet = compileShapes([shape([3, 3, 3, 2], '..-', { exact: true }), shape([9, 2], '-'), shape([11])]);
const CPF_WORDS = /\bcpf\b|cadastro de pessoas|\bcic\b|contribuinte/gi;
// Confidence per shape: without a label, with one.
const PLAIN = [0.9, 0.6, 0.45];
const LABELLED = [0.97, 0.92, 0.9];

function visit(text: string, s: number, e: number, k: number, sink: FindingSink): boolean {
  if (!cpfValid(text, s, e)) return false;
  const dist = labelOrGeneric(text, s, e, CPF_WORDS);
  let conf = dist >= 0 ? labelled(LABELLED[k] as number, dist) : (PLAIN[k] as number);
  if (dist === GENERIC && k > 0) conf = 0.85;
  sink.add('br_cpf', s, e, conf);
  return true;
}

/**
 * Brazilian CPF numbers: `123.456.789-09`, `123456789-09` or eleven digits, with both check digits
 * right and not one repeated digit. Confidence without / with a `CPF` label nearby or a `CPF`
 * column header (minus 0.001 per character of distance): formatted 0.9 / 0.97, `123456789-09`
 * 0.6 / 0.92, eleven bare digits 0.45 / 0.9 (bare: not reported by default, one eleven-digit
 * number in a hundred passes, and eleven-digit phone numbers are common); the unformatted ones
 * next to a generic national-id word (`national_id`, `identity`) 0.85.
 */
export const brCpf: Recognizer = {
  type: 'br_cpf',
  anchors: [NUMBER],
  match(text, start, end, sink) {
    if (end - start >= 11) eachShape(text, start, end, SHAPES, visit, sink);
  },
};
