/**
 * Helpers for the recognizers that anchor on the shared `NUMBER` token (not a detector itself).
 *
 * A NUMBER hit is a maximal run of digit groups joined by single separators (space, `-`, `.`, `/`,
 * no-break space), so one hit can hold several values, or a value next to unrelated numbers:
 * `2024-01-15 123-45-6789`, `4111 1111 1111 1111 12/26`, or 1 MB of `1 1 1 1 ...`. `eachShape`
 * walks the groups of a hit once, left to right, and tries a recognizer's written forms ("shapes":
 * fixed group lengths, compiled once into typed arrays) at each group start. Each group is read
 * once into a small ring buffer and shapes are compared on group bounds, so the walk is linear in
 * the hit's length and allocates nothing per hit.
 */
import type { FindingSink } from '../../types.ts';

export const SPACE = 32;
export const NBSP = 0xa0;
export const DASH = 45;
export const DOT = 46;
export const SLASH = 47;

/** True for an ASCII digit (`c` is a char code; NaN, i.e. out of range, is false). */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** True for an ASCII upper-case letter. */
export function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** True for a space or a no-break space. */
export function isSpace(c: number): boolean {
  return c === SPACE || c === NBSP;
}

const OTHER_WORD = /[\p{L}\p{N}]/u;

/** True for a character that belongs to a word: ASCII letter or digit, `_`, any other letter or digit. */
export function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  // Rare outside ASCII text; surrogate halves (emoji, astral letters) count as non-word.
  return c === c && (c < 0xd800 || c > 0xdfff) && OTHER_WORD.test(String.fromCharCode(c));
}

const NON_DIGIT = /[^0-9]/g;

/** Index of the first non-digit at or after `i` (a native regex takes over on long runs). */
export function digitsEnd(text: string, i: number): number {
  const stop = i + 24;
  for (; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (!(c >= 48 && c <= 57)) return i;
  }
  NON_DIGIT.lastIndex = i;
  return NON_DIGIT.test(text) ? NON_DIGIT.lastIndex - 1 : text.length;
}

/** True when every digit of `text[s, e)` is the same (`0000 0000 0000 0000`, `111-11-1111`). */
export function sameDigits(text: string, s: number, e: number): boolean {
  let first = -1;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) continue;
    if (first < 0) first = c;
    else if (c !== first) return false;
  }
  return true;
}

/**
 * A written form of a value: the digit count of each group, left to right, and the separators
 * allowed between groups.
 */
export interface Shape {
  readonly groups: readonly number[];
  /**
   * With `exact`: the separator of each gap, in order (`'..-'` for `123.456.789-09`). Otherwise the
   * separators allowed, one of which joins every gap (`'- '`: `123-45-6789` or `123 45 6789`, never
   * `123-45 6789`).
   */
  readonly seps: string;
  readonly exact?: boolean;
  /**
   * A following group of at most this many digits may hang on with the value's own separator
   * (expiry month or CVV after a card number: `4111 1111 1111 1111 12/26`). Default 0.
   */
  readonly tail?: number;
}

/** Convenience constructor for a `Shape`. */
export function shape(groups: readonly number[], seps = '', opts: { exact?: boolean; tail?: number } = {}): Shape {
  return { groups, seps, ...opts };
}

/**
 * Shapes compiled into flat typed arrays once per recognizer, so the walk reads numbers instead of
 * objects of varying layout: for shape `k`, its groups are `lens[at[k] .. at[k + 1])`, its gap
 * separators `gaps[at[k] + 1 ..]` (exact shapes) or the bit set `allowed[k]`.
 */
export interface ShapeSet {
  /** Most groups of any shape. */
  readonly maxGroups: number;
  /** Fewest digits of any shape. */
  readonly minDigits: number;
  /** Shape indices grouped by first-group length (order kept): `order[byFirst[n] .. byFirst[n + 1])`. */
  readonly order: Uint8Array;
  readonly byFirst: Uint8Array;
  /** Bit `n` set when some shape's first group has `n` digits (n < 32). */
  readonly firstLens: number;
  readonly at: Int32Array;
  readonly lens: Uint8Array;
  readonly gaps: Int32Array;
  readonly allowed: Uint8Array;
  readonly exact: Uint8Array;
  readonly tail: Uint8Array;
}

/** Bit of a NUMBER separator (space, no-break space, dash, dot, slash), 0 for anything else. */
function sepBit(c: number): number {
  return c === SPACE ? 1 : c === NBSP ? 2 : c === DASH ? 4 : c === DOT ? 8 : c === SLASH ? 16 : 0;
}

/** Compiles shapes (longer forms first: at one start the first accepted shape wins). */
export function compileShapes(shapes: readonly Shape[]): ShapeSet {
  const total = shapes.reduce((n, sh) => n + sh.groups.length, 0);
  const set = {
    maxGroups: Math.max(...shapes.map((sh) => sh.groups.length)),
    minDigits: Math.min(...shapes.map((sh) => sh.groups.reduce((a, b) => a + b, 0))),
    firstLens: 0,
    at: new Int32Array(shapes.length + 1),
    lens: new Uint8Array(total),
    gaps: new Int32Array(total),
    allowed: new Uint8Array(shapes.length),
    exact: new Uint8Array(shapes.length),
    tail: new Uint8Array(shapes.length),
    order: new Uint8Array(shapes.length),
    byFirst: new Uint8Array(33),
  };
  let o = 0;
  shapes.forEach((sh, k) => {
    if (shapes.length > 255 || sh.groups.length === 0 || sh.groups.length > MAX_GROUPS || (sh.groups[0] as number) >= 32) {
      throw new Error(`a shape has 1..${MAX_GROUPS} groups, the first of 1..31 digits`);
    }
    set.firstLens |= 1 << (sh.groups[0] as number);
    set.at[k] = o;
    sh.groups.forEach((g, i) => {
      set.lens[o + i] = g;
      if (i > 0 && sh.exact) set.gaps[o + i] = sh.seps.charCodeAt(i - 1);
    });
    for (let i = 0; i < sh.seps.length; i++) set.allowed[k] = (set.allowed[k] as number) | sepBit(sh.seps.charCodeAt(i));
    set.exact[k] = sh.exact ? 1 : 0;
    set.tail[k] = sh.tail ?? 0;
    o += sh.groups.length;
  });
  set.at[shapes.length] = o;
  let i = 0;
  for (let n = 0; n < 32; n++) {
    set.byFirst[n] = i;
    shapes.forEach((sh, k) => {
      if (sh.groups[0] === n) set.order[i++] = k;
    });
  }
  set.byFirst[32] = i;
  return set;
}

// The groups of the walk in progress, a ring of the last `MAX_GROUPS` read: group `q` starts at
// RING_START[q & MASK] and ends at RING_END[q & MASK]. Each group is read once per walk. Overwritten
// by every walk (`eachShape` is synchronous and never re-entered), so nothing survives between calls.
const MAX_GROUPS = 8;
const MASK = MAX_GROUPS - 1;
const RING_START = new Int32Array(MAX_GROUPS);
const RING_END = new Int32Array(MAX_GROUPS);

/** End of shape `k` over groups `q .. q + n - 1` of the ring, or -1. */
function shapeEnd(text: string, set: ShapeSet, k: number, q: number, n: number): number {
  const at = set.at[k] as number;
  const m = (set.at[k + 1] as number) - at;
  if (m > n) return -1;
  const exact = set.exact[k] === 1;
  let sep = -1;
  for (let i = 1; i < m; i++) {
    const r = (q + i) & MASK;
    const gs = RING_START[r] as number;
    if ((RING_END[r] as number) - gs !== set.lens[at + i]) return -1;
    const c = text.charCodeAt(gs - 1);
    if (exact) {
      if (c !== set.gaps[at + i]) return -1;
    } else if (sep < 0) {
      if (((set.allowed[k] as number) & sepBit(c)) === 0) return -1;
      sep = c;
    } else if (c !== sep) return -1;
  }
  return RING_END[(q + m - 1) & MASK] as number;
}

/**
 * True when `[s, e)`, a run of whole groups inside the NUMBER hit `[ts, te)`, stands apart from
 * what surrounds it:
 * - at an edge of the hit, the neighbouring character is not part of a word or an id (`v10.4.1`,
 *   `ORD-123456789`, `file_123456789.pdf`), a currency sign, `+` (a phone number) or `%`;
 * - inside the hit, the neighbouring group is joined by a space and the value itself is compact or
 *   joined by other separators (`2024-01-15 123-45-6789`), since numbers run together with the
 *   value's own separator are one longer number (`1234 5678 9012 3456 7890`, `046 454 286 123`).
 *   `tail` relaxes the right side for short trailing groups (see `Shape.tail`).
 *
 * `inner` is the value's own separator (char code), or 0 for a compact value.
 */
export function standsApart(text: string, ts: number, te: number, s: number, e: number, inner: number, tail = 0): boolean {
  if (s === ts) {
    const c = text.charCodeAt(s - 1);
    if (isWordCode(c) || c === 43 || c === 36 || c === 0xa3 || c === 0xa5 || c === 0x20ac) return false;
    if ((c === DASH || c === DOT || c === SLASH) && isWordCode(text.charCodeAt(s - 2))) return false;
  } else if (!isSpace(text.charCodeAt(s - 1)) || isSpace(inner)) return false;
  if (e === te) {
    const c = text.charCodeAt(e);
    if (isWordCode(c) || c === 37) return false;
    if ((c === DASH || c === DOT || c === SLASH) && isWordCode(text.charCodeAt(e + 1))) return false;
  } else {
    const c = text.charCodeAt(e);
    if (isSpace(c) && !isSpace(inner)) return true;
    if (tail === 0 || c !== inner) return false;
    const n = digitsEnd(text, e + 1) - (e + 1);
    return n > 0 && n <= tail;
  }
  return true;
}

/**
 * Called for a shape match `[s, e)` (shape index `k`); returns true when it reported a finding, so
 * the walk continues after `e` instead of trying further shapes at `s`.
 */
export type ShapeVisitor = (text: string, s: number, e: number, k: number, sink: FindingSink) => boolean;

/**
 * Walks the groups of the NUMBER hit `[ts, te)` once and calls `visit` for every run of groups that
 * matches one of the compiled shapes (tried in order) and stands apart from its neighbours
 * (`standsApart`). Linear in `te - ts`: each group is read once into a small ring, shapes are
 * checked on the group bounds, and groups no shape starts with are skipped after one bit test.
 *
 * @example
 * const SSN = compileShapes([shape([3, 2, 4], '-'), shape([9])]);
 * eachShape(text, start, end, SSN, visitSsn, sink);
 */
export function eachShape(text: string, ts: number, te: number, set: ShapeSet, visit: ShapeVisitor, sink: FindingSink): void {
  const firstLens = set.firstLens;
  const maxGroups = set.maxGroups;
  // Groups read so far (`read`), the current group (`q`), and where the last read group ends.
  let read = 0;
  let last = ts - 1;
  for (let q = 0; ; q++) {
    if (q === read) {
      // Nothing read ahead: skip groups no shape starts with without touching the ring (a
      // skipped group is never looked at again, shapes only look forward).
      let g: number;
      do {
        if (last >= te) return;
        g = last + 1;
        last = digitsEnd(text, g);
      } while (last - g >= 32 || ((firstLens >>> (last - g)) & 1) === 0);
      RING_START[read & MASK] = g;
      RING_END[read & MASK] = last;
      read++;
    }
    const g = RING_START[q & MASK] as number;
    const j = RING_END[q & MASK] as number;
    const len0 = j - g;
    if (len0 >= 32 || ((firstLens >>> len0) & 1) === 0) continue;
    while (read < q + maxGroups && last < te) {
      RING_START[read & MASK] = last + 1;
      last = digitsEnd(text, last + 1);
      RING_END[read & MASK] = last;
      read++;
    }
    const n = read - q;
    let digits = 0;
    for (let i = 0; i < n; i++) digits += (RING_END[(q + i) & MASK] as number) - (RING_START[(q + i) & MASK] as number);
    if (digits < set.minDigits) continue;
    const to = set.byFirst[len0 + 1] as number;
    for (let o = set.byFirst[len0] as number; o < to; o++) {
      const k = set.order[o] as number;
      const at = set.at[k] as number;
      const m = (set.at[k + 1] as number) - at;
      const e = m > 1 ? shapeEnd(text, set, k, q, n) : j;
      if (e < 0) continue;
      if (!standsApart(text, ts, te, g, e, m > 1 ? text.charCodeAt(j) : 0, set.tail[k])) continue;
      if (visit(text, g, e, k, sink)) {
        // Continue with the group after the value.
        q += m - 1;
        break;
      }
    }
  }
}
