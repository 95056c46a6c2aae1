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
 * @example
 * labelDistance('SSN: 123-45-6789', 5, 16, /\bssn\b/gi) // 2
 */
export function labelDistance(text: string, start: number, end: number, words: RegExp, before = 48, after = 24): number {
  // Every label has a letter (or a non-ASCII symbol such as ☎): number-only windows (CSV rows of
  // figures) skip the regular expressions.
  if (!hasLetter(text, Math.max(0, start - before), start) && !hasLetter(text, end, Math.min(text.length, end + after))) return -1;
  let best = -1;
  if (before > 0 && start > 0) {
    const w = text.slice(Math.max(0, start - before), start);
    words.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = words.exec(w)) !== null) {
      best = w.length - (m.index + m[0].length);
      if (m[0].length === 0) words.lastIndex++;
    }
  }
  if (after > 0 && end < text.length) {
    const w = text.slice(end, end + after);
    words.lastIndex = 0;
    const m = words.exec(w);
    if (m && (best < 0 || m.index < best)) best = m.index;
  }
  return best;
}

function hasLetter(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) | 32;
    if ((c >= 97 && c <= 122) || c >= 128) return true;
  }
  return false;
}

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
