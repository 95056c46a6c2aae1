import { NUMBER } from '../../anchors.ts';
import type { Recognizer } from '../../recognizer.ts';
import { dniCheckLetter } from '../../validators/dni.ts';
import { labelDistance, labelled } from './keywords.ts';
import { DASH, DOT, digitsEnd, isDigit, isSpace, isUpper, isWordCode, SPACE } from './number-token.ts';

const DNI_WORDS = /\bdni\b|\bnie\b|\bnif\b|documento nacional|identidad|extranjer/gi;

/** True when nothing glued to the left of `s` makes it part of a longer word or number. */
function freeLeft(text: string, s: number): boolean {
  const c = text.charCodeAt(s - 1);
  if (isWordCode(c) || c === 43 || c === 36) return false;
  return !((c === DASH || c === DOT) && isWordCode(text.charCodeAt(s - 2)));
}

/**
 * Spanish DNI (`12345678Z`, `12345678-Z`, `12.345.678-Z`) and NIE (`X1234567L`, `X-1234567-L`)
 * numbers with the right check letter (number mod 23). The span includes the NIE letter and the
 * check letter.
 *
 * Confidence: 0.95 next to `DNI` / `NIE` / `NIF` (minus 0.001 per character of distance); 0.85
 * without a label when the letter is attached (`12345678Z`, `12345678-Z`, any NIE); 0.6 when the
 * letter stands apart after a space (`12345678 Z`).
 */
export const esDni: Recognizer = {
  type: 'es_dni',
  anchors: [NUMBER],
  match(text, start, end, sink) {
    // The check letter right after the number, possibly after `-` or a space.
    let l = end;
    const gap = text.charCodeAt(l);
    if (gap === DASH || gap === SPACE) l++;
    const letter = text.charCodeAt(l);
    if (!isUpper(letter) || isWordCode(text.charCodeAt(l + 1))) return;
    let s: number;
    let n0: number;
    let lead = 0;
    let nie = false;
    const p = text.charCodeAt(start - 1);
    const xyz = p === DASH ? text.charCodeAt(start - 2) : p;
    if (xyz >= 88 && xyz <= 90 && end - start === 7 && digitsEnd(text, start) === end) {
      // NIE: X, Y or Z stands for a leading 0, 1 or 2.
      s = p === DASH ? start - 2 : start - 1;
      n0 = start;
      lead = xyz - 88;
      nie = true;
      if (!freeLeft(text, s)) return;
    } else {
      // DNI: eight digits (`12345678`, `12.345.678`) ending the hit.
      n0 = end - 8;
      if (n0 >= start && digitsEnd(text, n0) === end && !isDigit(text.charCodeAt(n0 - 1))) s = n0;
      else if (end - 10 >= start && text.charCodeAt(end - 4) === DOT && text.charCodeAt(end - 8) === DOT) {
        n0 = end - 10;
        if (digitsEnd(text, n0) !== n0 + 2 || digitsEnd(text, n0 + 3) !== end - 4 || digitsEnd(text, end - 3) !== end) return;
        if (isDigit(text.charCodeAt(n0 - 1))) return;
        s = n0;
      } else return;
      // Inside a longer hit the number must be set apart by a space.
      if (s > start ? !isSpace(text.charCodeAt(s - 1)) : !freeLeft(text, s)) return;
    }
    if (dniCheckLetter(text, n0, end, lead) !== letter) return;
    const dist = labelDistance(text, s, l + 1, DNI_WORDS);
    const conf = dist >= 0 ? labelled(0.95, dist) : gap === SPACE && !nie ? 0.6 : 0.85;
    sink.add('es_dni', s, l + 1, conf);
  },
};
