import { columnHeader } from './columns.ts';

/**
 * Context words for the PII recognizers (not a detector itself). Many identifiers share a form
 * (nine digits pass the SSN rules, and one in ten passes Luhn, one in eleven the BSN 11-test), so
 * the label next to a number decides its type. Windows are bounded and only read once a candidate
 * has passed its checksum.
 */

/**
 * Distance in characters between `[start, end)` and the nearest match of `words` (which must have
 * the `g` flag) within `before` characters before it or `after` characters after it; -1 when none.
 *
 * A label that has another number (three or more digits in a row) between it and the candidate
 * names that number, not the candidate: in `"phone": "06-61764728",\n  "national_id": "323497950"`
 * or `ABA 114861562, acct 312262141` the second number is not labelled.
 *
 * @example
 * labelDistance('SSN: 123-45-6789', 5, 16, /\bssn\b/gi) // 2
 */
export function labelDistance(text: string, start: number, end: number, words: RegExp, before = 48, after = 24): number {
  // Every label has a letter (or a non-ASCII symbol such as ☎): number-only windows (CSV rows of
  // figures) skip the regular expressions.
  if (!hasLetter(text, Math.max(0, start - before), start) && !hasLetter(text, end, Math.min(text.length, end + after))) return -1;
  let best = -1;
  if (before > 0 && start > 0) {
    const from = Math.max(0, start - before);
    const w = text.slice(from, start);
    words.lastIndex = 0;
    let m: RegExpExecArray | null;
    let last = -1;
    while ((m = words.exec(w)) !== null) {
      last = m.index + m[0].length;
      if (m[0].length === 0) words.lastIndex++;
    }
    if (last >= 0 && !hasDigitRun(text, from + last, start)) best = w.length - last;
  }
  if (after > 0 && end < text.length) {
    const w = text.slice(end, end + after);
    words.lastIndex = 0;
    const m = words.exec(w);
    if (m && (best < 0 || m.index < best) && !hasDigitRun(text, end, end + m.index)) best = m.index;
  }
  return best;
}

/** True when `text[from, to)` holds three or more digits in a row. */
function hasDigitRun(text: string, from: number, to: number): boolean {
  let run = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++run === 3) return true;
    } else run = 0;
  }
  return false;
}

function hasLetter(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) | 32;
    if ((c >= 97 && c <= 122) || c >= 128) return true;
  }
  return false;
}

/** Distance a column header counts as: a header names its column as surely as an adjacent label. */
export const HEADER_DISTANCE = 8;

/**
 * `labelDistance`, else `HEADER_DISTANCE` when the candidate is a cell of a delimited table whose
 * column header matches `words` (`customer_id,name,ssn` above `…,521374096`), else -1.
 *
 * @example
 * labelNear('name,ssn\nAna,521374096', 13, 22, /\bssn\b/gi) // 8
 */
export function labelNear(text: string, start: number, end: number, words: RegExp, before = 48, after = 24): number {
  const d = labelDistance(text, start, end, words, before, after);
  if (d >= 0) return d;
  const h = columnHeader(text, start, end);
  if (h === undefined) return -1;
  words.lastIndex = 0;
  return words.test(h) ? HEADER_DISTANCE : -1;
}

/** What `labelOrGeneric` returns when only a generic national-id word (`ID_WORDS`) is near. */
export const GENERIC = -2;

/**
 * `labelNear` for an identifier's own `words`, falling back to the generic national-id words:
 * the distance to the own label (or `HEADER_DISTANCE`), else `GENERIC` when a generic word is
 * near or heads the column, else -1. The column header is looked up once for both.
 *
 * @example
 * labelOrGeneric('"national_id": "521374096"', 16, 25, /\bssn\b/gi) // GENERIC
 */
export function labelOrGeneric(text: string, start: number, end: number, words: RegExp): number {
  const d = labelDistance(text, start, end, words);
  if (d >= 0) return d;
  const generic = labelDistance(text, start, end, ID_WORDS) >= 0;
  const h = columnHeader(text, start, end);
  if (h !== undefined) {
    words.lastIndex = 0;
    if (words.test(h)) return HEADER_DISTANCE;
    ID_WORDS.lastIndex = 0;
    if (ID_WORDS.test(h)) return GENERIC;
  }
  return generic ? GENERIC : -1;
}

/**
 * Words naming a national identifier without saying which (`national_id`, `identity`, `ID card`,
 * `citizen number`). Recognizers whose checksum passed take them as a weaker label; when several
 * pass, the stronger checksum wins (see each recognizer's confidence).
 */
export const ID_WORDS =
  /\bnational[ _-]?(?:id|identity|identification|number|no)\b|\bidentity\b|\bid[ _-]?card\b|\bcitizen(?:ship)?[ _-]?(?:id|number|no)\b|\bpersonal[ _-]?(?:id|identification)\b/gi;

/**
 * Confidence for a candidate whose label is `dist` characters away: `high` for an adjacent label,
 * a thousandth less per character, so that when two labels are in reach the nearer one decides
 * (`SSN: 123-45-6789, routing: 021000021`).
 */
export function labelled(high: number, dist: number): number {
  return high - dist / 1000;
}

/**
 * Words that say a number is a reference of some business object, not a person's or an account's
 * identifier: order, tracking, invoice numbers and the like.
 */
export const REFERENCE_WORDS =
  /\b(?:order|orders|tracking|track|invoice|inv|shipment|parcel|waybill|awb|sku|serial|s\/n|ref|reference|confirmation|booking|ticket|case|transaction|txn|imei|iccid|isbn|ean|upc|gtin|part|model|version|build)\b/gi;
