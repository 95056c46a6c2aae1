/**
 * Which characters can start a match of a regular-expression source: the engine's prefilter
 * looks at each character once and tries only the anchors that can start with it.
 *
 * A small conservative analysis of the regex syntax the anchors use (literals, escapes, classes,
 * groups, alternation, quantifiers, lookarounds). Whatever it does not understand makes the anchor
 * "any": it is then tried at every position, slower but never wrong.
 */
export type FirstChars = { readonly any: true } | { readonly any: false; readonly ascii: ReadonlySet<number>; readonly nonAscii: boolean };

interface Item {
  /** null: could be anything. */
  chars: Set<number> | null;
  nonAscii: boolean;
  nullable: boolean;
}

const WORD = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_'].map((c) => c.charCodeAt(0));
const SPACE = [9, 10, 11, 12, 13, 32];

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  /** alternation := sequence ('|' sequence)* */
  alternation(): Item {
    const out: Item = { chars: new Set(), nonAscii: false, nullable: false };
    for (;;) {
      merge(out, this.sequence(), true);
      if (this.s[this.i] === '|') {
        this.i++;
        continue;
      }
      return out;
    }
  }

  sequence(): Item {
    const out: Item = { chars: new Set(), nonAscii: false, nullable: true };
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const item = this.quantified();
      if (out.nullable) {
        merge(out, item, false);
        out.nullable = item.nullable;
      }
    }
    return out;
  }

  quantified(): Item {
    const item = this.atom();
    const q = this.s[this.i];
    if (q === '*' || q === '?') {
      this.i++;
      item.nullable = true;
    } else if (q === '+') this.i++;
    else if (q === '{') {
      const m = /^\{(\d*)(?:,(\d*))?\}/.exec(this.s.slice(this.i));
      if (m) {
        this.i += m[0].length;
        if (Number(m[1] || 0) === 0) item.nullable = true;
      }
    }
    if (this.s[this.i] === '?') this.i++; // lazy
    return item;
  }

  atom(): Item {
    const s = this.s;
    const c = s[this.i] as string;
    if (c === '(') {
      this.i++;
      let zeroWidth = false;
      if (s.startsWith('?:', this.i)) this.i += 2;
      else if (s.startsWith('?=', this.i) || s.startsWith('?!', this.i)) {
        this.i += 2;
        zeroWidth = true;
      } else if (s.startsWith('?<=', this.i) || s.startsWith('?<!', this.i)) {
        this.i += 3;
        zeroWidth = true;
      } else if (s.startsWith('?<', this.i)) {
        this.i = s.indexOf('>', this.i) + 1;
      }
      const inner = this.alternation();
      if (s[this.i] !== ')') throw new Error('unbalanced');
      this.i++;
      return zeroWidth ? { chars: new Set(), nonAscii: false, nullable: true } : inner;
    }
    if (c === '[') return this.klass();
    if (c === '^' || c === '$') {
      this.i++;
      return { chars: new Set(), nonAscii: false, nullable: true };
    }
    if (c === '.') {
      this.i++;
      return { chars: null, nonAscii: true, nullable: false };
    }
    if (c === '\\') return this.escape(false);
    this.i++;
    return literal(c.charCodeAt(0));
  }

  escape(inClass: boolean): Item {
    const e = this.s[this.i + 1] as string;
    this.i += 2;
    switch (e) {
      case 'b':
        if (inClass) return literal(8);
        return { chars: new Set(), nonAscii: false, nullable: true };
      case 'B':
        return { chars: new Set(), nonAscii: false, nullable: true };
      case 'd':
        return { chars: new Set(WORD.slice(0, 10)), nonAscii: false, nullable: false };
      case 'w':
        return { chars: new Set(WORD), nonAscii: false, nullable: false };
      case 's':
        return { chars: new Set(SPACE), nonAscii: true, nullable: false };
      case 'D':
      case 'W':
      case 'S':
        return { chars: null, nonAscii: true, nullable: false };
      case 'n':
        return literal(10);
      case 'r':
        return literal(13);
      case 't':
        return literal(9);
      case 'u': {
        const hex = this.s.slice(this.i, this.i + 4);
        this.i += 4;
        return literal(parseInt(hex, 16));
      }
      default:
        if (/[0-9]/.test(e)) return { chars: null, nonAscii: true, nullable: true }; // back-reference
        return literal(e.charCodeAt(0));
    }
  }

  klass(): Item {
    const s = this.s;
    this.i++;
    const negated = s[this.i] === '^';
    if (negated) this.i++;
    const out: Item = { chars: new Set(), nonAscii: false, nullable: false };
    let first = true;
    while (this.i < s.length && (s[this.i] !== ']' || first)) {
      first = false;
      let lo: Item;
      if (s[this.i] === '\\') lo = this.escape(true);
      else lo = literal(s.charCodeAt(this.i++));
      if (s[this.i] === '-' && s[this.i + 1] !== ']' && lo.chars && lo.chars.size === 1) {
        this.i++;
        const hiItem = s[this.i] === '\\' ? this.escape(true) : literal(s.charCodeAt(this.i++));
        const a = [...lo.chars][0] as number;
        const b = hiItem.chars && hiItem.chars.size === 1 ? ([...hiItem.chars][0] as number) : a;
        const range: Item = { chars: new Set(), nonAscii: b >= 128, nullable: false };
        for (let x = a; x <= Math.min(b, 127); x++) range.chars?.add(x);
        merge(out, range, false);
      } else merge(out, lo, false);
    }
    this.i++;
    if (negated) return { chars: null, nonAscii: true, nullable: false };
    return out;
  }
}

function literal(code: number): Item {
  return code < 128 ? { chars: new Set([code]), nonAscii: false, nullable: false } : { chars: new Set(), nonAscii: true, nullable: false };
}

function merge(into: Item, from: Item, alternation: boolean): void {
  if (into.chars === null || from.chars === null) into.chars = null;
  else for (const c of from.chars) into.chars.add(c);
  into.nonAscii ||= from.nonAscii;
  if (alternation) into.nullable ||= from.nullable;
}

/**
 * @example
 * firstChars('A(?:KIA|SIA)') // { any: false, ascii: Set{65}, nonAscii: false }
 */
export function firstChars(source: string, ignoreCase = false): FirstChars {
  let item: Item;
  try {
    const p = new Parser(source);
    item = p.alternation();
    if (p.i !== source.length) return { any: true };
  } catch {
    return { any: true };
  }
  // A nullable anchor matches the empty string anywhere: it must be tried everywhere.
  if (item.chars === null || item.nullable) return { any: true };
  const ascii = new Set(item.chars);
  if (ignoreCase) {
    for (const c of item.chars) {
      const ch = String.fromCharCode(c);
      ascii.add(ch.toLowerCase().charCodeAt(0)).add(ch.toUpperCase().charCodeAt(0));
    }
  }
  return { any: false, ascii, nonAscii: item.nonAscii };
}

const NUMBER_START = '(?:\\b|(?<=\\b[A-Z]{1,2}))';

/**
 * Which ASCII characters may stand right before a match, when the source opens with a word
 * boundary: `\b` before word characters needs a non-word character (or the start of the text)
 * before it; the shared number anchor's `(?:\b|(?<=\b[A-Z]{1,2}))` also allows a capital. The
 * prefilter then skips the regex where the character before rules it out (digits inside base-62
 * tokens). Table of 128 (1: allowed); null when the source does not restrict it. Characters
 * outside ASCII are never word characters to `\b`, so they are always allowed.
 *
 * @example
 * allowedBefore('\\bfoo')![0x20] // 1 (a space)
 * allowedBefore('\\bfoo')![0x61] // 0 (`a`)
 */
export function allowedBefore(source: string): Uint8Array | null {
  let rest: string;
  let capitals = false;
  if (source.startsWith(NUMBER_START)) {
    rest = source.slice(NUMBER_START.length);
    capitals = true;
  } else if (source.startsWith('\\b')) rest = source.slice(2);
  else return null;
  const f = firstChars(rest);
  if (f.any || f.nonAscii || [...f.ascii].some((c) => !WORD.includes(c))) return null;
  const out = new Uint8Array(128).fill(1);
  for (const c of WORD) out[c] = 0;
  if (capitals) for (let c = 65; c <= 90; c++) out[c] = 1;
  return out;
}

/**
 * Which characters can follow the first one of a match, when the source opens with one plain
 * character or class (`_`, `[Pp]`, `A`, `\.`) followed by something the analysis bounds: a
 * lookahead (`_(?=[0-9A-Za-z]{16})`: an alphanumeric) or more pattern (`A(?:KIA|SIA)`: `K`, `S`).
 * Leading negative lookaheads are skipped (they only rule characters out). The prefilter checks
 * this second character before running the anchor's regex. Null when the source does not open
 * that way or the rest is unbounded.
 *
 * @example
 * secondChars('_(?:access_key|ACCESS_KEY)\\b') // { any: false, ascii: Set{97, 65}, nonAscii: false }
 */
export function secondChars(source: string): FirstChars | null {
  let rest: string;
  try {
    const p = new Parser(source);
    const c = source[0];
    if (c === '(' || c === '^' || c === '$' || c === '.' || c === '|' || c === undefined) return null;
    const first = p.atom();
    if (first.chars === null || first.nullable || p.i >= source.length || '*+?{|'.includes(source[p.i] as string)) return null;
    rest = source.slice(p.i);
  } catch {
    return null;
  }
  // Skip `(?!...)` groups; a `(?=...)` then bounds the next character by its own body.
  for (;;) {
    if (rest.startsWith('(?!')) {
      const end = groupEnd(rest);
      if (end < 0) return null;
      rest = rest.slice(end);
      continue;
    }
    if (rest.startsWith('(?=')) {
      const end = groupEnd(rest);
      if (end < 0) return null;
      rest = rest.slice(3, end - 1);
    }
    break;
  }
  const f = firstChars(rest);
  return f.any ? null : f;
}

/** Index just after the group that opens `s` at 0 (the same parser as `firstChars`), or -1. */
function groupEnd(s: string): number {
  try {
    const p = new Parser(s);
    p.atom();
    return p.i;
  } catch {
    return -1;
  }
}
