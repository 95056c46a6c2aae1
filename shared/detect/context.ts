/**
 * Context helpers: words near a candidate raise or lower its confidence. Windows are bounded so a
 * recognizer never reads more than a few dozen characters around its hit.
 */

/** The `n` characters before `start`, lower-cased. */
export function before(text: string, start: number, n = 40): string {
  return text.slice(Math.max(0, start - n), start).toLowerCase();
}

/** The `n` characters after `end`, lower-cased. */
export function after(text: string, end: number, n = 40): string {
  return text.slice(end, end + n).toLowerCase();
}

/**
 * True when `words` (a regex over lower-cased text) matches within `n` characters before the
 * candidate or `m` after it.
 *
 * @example
 * nearby('SSN: 123-45-6789', 5, 16, /\bssn\b|social security/) // true
 */
export function nearby(text: string, start: number, end: number, words: RegExp, n = 40, m = 20): boolean {
  return words.test(before(text, start, n)) || (m > 0 && words.test(after(text, end, m)));
}

const WORD = /[\p{L}\p{N}_]/u;

/** True when the characters just outside `[start, end)` are not letters, digits or `_`. */
export function isBounded(text: string, start: number, end: number): boolean {
  const a = start > 0 ? text[start - 1] : undefined;
  const b = end < text.length ? text[end] : undefined;
  return !(a !== undefined && WORD.test(a)) && !(b !== undefined && WORD.test(b));
}

/** Shannon entropy in bits per character of `text.slice(start, end)`. */
export function entropy(text: string, start: number, end: number): number {
  const len = end - start;
  if (len <= 0) return 0;
  const counts = new Map<number, number>();
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / len;
    h -= p * Math.log2(p);
  }
  return h;
}
