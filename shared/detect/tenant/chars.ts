/**
 * Character helpers shared by the tenant detectors. Everything works on UTF-16 code units so that
 * offsets stay JavaScript string indices (what findings report).
 */

let foldCache: Uint16Array | undefined;

/**
 * Simple per-code-unit lower-casing table: `fold[c]` is the lower case of `c` when that is one code
 * unit, else `c` itself. Folding unit by unit keeps every offset unchanged, which
 * `String.prototype.toLowerCase()` does not (`İ` becomes two units). Built once, 128 KB.
 */
export function foldTable(): Uint16Array {
  if (foldCache) return foldCache;
  const t = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      t[c] = c;
      continue;
    }
    const l = String.fromCharCode(c).toLowerCase();
    t[c] = l.length === 1 ? l.charCodeAt(0) : c;
  }
  foldCache = t;
  return t;
}

const WORD_NON_ASCII = /[\p{L}\p{N}\p{M}]/u;

/**
 * True when the code point at `i` (or the one ending at `i` when `backwards`) is a letter, digit,
 * combining mark or `_`: what a whole-word match must not touch. Surrogate pairs are read whole so a
 * non-BMP letter (`𝒳`) counts as a letter.
 */
export function isWordAt(text: string, i: number, backwards = false): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  let cp = c;
  if (backwards && c >= 0xdc00 && c <= 0xdfff && i > 0) {
    const h = text.charCodeAt(i - 1);
    if (h >= 0xd800 && h <= 0xdbff) cp = ((h - 0xd800) << 10) + (c - 0xdc00) + 0x10000;
  } else if (!backwards) cp = text.codePointAt(i) ?? c;
  return WORD_NON_ASCII.test(String.fromCodePoint(cp));
}
