import { NUMBER } from '../../anchors.ts';
import type { Recognizer } from '../../recognizer.ts';
import { bbanFits } from '../../validators/iban-structure.ts';
import { IBAN_LENGTHS, mod97 } from '../../validators/mod97.ts';
import { isDigit, isSpace, isUpper, isWordCode } from './number-token.ts';

// Registered length per country code, indexed by (first letter - A) * 26 + (second letter - A).
const LENGTHS = new Uint8Array(26 * 26);
for (const [cc, len] of Object.entries(IBAN_LENGTHS)) LENGTHS[(cc.charCodeAt(0) - 65) * 26 + cc.charCodeAt(1) - 65] = len;

/**
 * IBANs, compact (`DE89370400440532013000`) or grouped by four (`DE89 3704 0044 0532 0130 00`,
 * `GB82 WEST 1234 5698 7654 32`), upper case, with the registered length of their country, a
 * valid MOD 97 checksum and, where the registry gives one, the country's BBAN structure (letters
 * and digits where the country puts them). Confidence 0.95: a random string passes both checks about once in a
 * hundred, and the country prefix plus length already make the form specific.
 *
 * Anchored on the number token of the check digits; the country letters are read left of it.
 */
export const iban: Recognizer = {
  type: 'iban',
  anchors: [NUMBER],
  match(text, start, _end, sink) {
    const s = start - 2;
    const a = text.charCodeAt(s);
    const b = text.charCodeAt(s + 1);
    if (s < 0 || !isUpper(a) || !isUpper(b) || isWordCode(text.charCodeAt(s - 1))) return;
    const len = LENGTHS[(a - 65) * 26 + b - 65] as number;
    if (len === 0 || !isDigit(text.charCodeAt(start + 1))) return;
    // Read `len` characters; a single space may stand only between groups of four.
    let i = start + 2;
    let n = 4;
    while (n < len) {
      let c = text.charCodeAt(i);
      if (isSpace(c) && n % 4 === 0) c = text.charCodeAt(++i);
      if (!isDigit(c) && !isUpper(c)) return;
      i++;
      n++;
    }
    if (isWordCode(text.charCodeAt(i))) return;
    if (mod97(text, s, i) !== 1 || !bbanFits(text.slice(s, s + 2), text, start + 2, i)) return;
    sink.add('iban', s, i, 0.95);
  },
};
