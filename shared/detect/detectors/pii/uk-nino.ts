import { NUMBER } from '../../anchors.ts';
import type { Recognizer } from '../../recognizer.ts';
import { ninoPrefixValid, ninoSuffixValid } from '../../validators/nino.ts';
import { labelDistance, labelled } from './keywords.ts';
import { digitsEnd, isSpace, isWordCode } from './number-token.ts';

const NINO_WORDS = /\bnino\b|national insurance|\bni\b ?(?:no|num|number|#)|\bnin\b/gi;

/** True for `123456` or `12 34 56` (spaces or no-break spaces) at `[s, e)`. */
function sixDigits(text: string, s: number, e: number): boolean {
  if (e - s === 6) return digitsEnd(text, s) === e;
  if (e - s !== 8) return false;
  const sep = text.charCodeAt(s + 2);
  return (
    isSpace(sep) &&
    text.charCodeAt(s + 5) === sep &&
    digitsEnd(text, s) === s + 2 &&
    digitsEnd(text, s + 3) === s + 5 &&
    digitsEnd(text, s + 6) === e
  );
}

/**
 * UK National Insurance numbers: two prefix letters, six digits, suffix A-D, written
 * `AB 12 34 56 C`, `AB 123456 C` or `AB123456C`. Never reported: prefixes HMRC does not allocate
 * (D, F, I, Q, U, V as either letter, O second, BG, GB, NK, KN, TN, NT, ZZ) and lower-case forms.
 *
 * Confidence: with the suffix 0.95 next to `NINO` / `national insurance` (minus 0.001 per
 * character of distance), 0.9 without a label; without the suffix 0.75 next to a label, else 0.35
 * (not reported by default).
 */
export const ukNino: Recognizer = {
  type: 'uk_nino',
  anchors: [NUMBER],
  match(text, start, end, sink) {
    const spaced = isSpace(text.charCodeAt(start - 1));
    const p = spaced ? start - 3 : start - 2;
    if (p < 0 || !ninoPrefixValid(text, p) || isWordCode(text.charCodeAt(p - 1))) return;
    if (!sixDigits(text, start, end)) return;
    // The suffix letter, attached or after one space.
    let f = end;
    if (isSpace(text.charCodeAt(f))) f++;
    const suffix = ninoSuffixValid(text.charCodeAt(f)) && !isWordCode(text.charCodeAt(f + 1));
    if (!suffix && isWordCode(text.charCodeAt(end))) return;
    const e = suffix ? f + 1 : end;
    const dist = labelDistance(text, p, e, NINO_WORDS);
    const conf = suffix ? (dist >= 0 ? labelled(0.95, dist) : 0.9) : dist >= 0 ? labelled(0.75, dist) : 0.35;
    sink.add('uk_nino', p, e, conf);
  },
};
