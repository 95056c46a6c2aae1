import type { z } from 'zod';
import { foldTable, isWordAt } from './chars.ts';
import type { TenantPass } from './pass.ts';
import type { KeywordDetector } from './schema.ts';

/** A keyword detector after schema parsing (defaults filled in). */
export type KeywordDetectorConfig = z.output<typeof KeywordDetector>;

/**
 * Dense transition rows are kept for at most this many (state × symbol) cells (4 MB); states past it
 * (deep inside long keywords, rarely visited) use sparse goto lists plus failure links.
 */
const DENSE_CELLS = 1 << 20;
/** How many shorter keywords ending at the same place are tried when whole-word rejects the longest. */
const MAX_OUTPUT_HOPS = 16;

/**
 * The compiled automaton. Exported for tests and benchmarks only; treat it as opaque.
 *
 * Aho-Corasick over UTF-16 code units, built as a DFA: one table lookup per character for the
 * states near the root (where prose keeps the automaton), goto lists and failure links below.
 * Measured against a trie-factored regular expression of the same 5,000 keywords on 1 MB of prose,
 * this is 3 to 10 times faster (the regex tries an alternation at nearly every letter), so the
 * regex variant was dropped.
 */
export interface KeywordAutomaton {
  /** Code unit to symbol (0 = in no keyword); case variants share a symbol when case-insensitive. */
  readonly symbol: Uint16Array;
  readonly symbols: number;
  /** Full DFA rows for states `0 .. dense-1` (breadth-first numbering: the shallow states). */
  readonly dense: number;
  readonly delta: Int32Array;
  /** Sparse goto lists of the deeper states: children of state s are `[first[s-dense], first[s-dense+1])`. */
  readonly first: Int32Array;
  readonly childSymbol: Uint16Array;
  readonly childState: Int32Array;
  readonly fail: Int32Array;
  /** Longest keyword ending in each state (a state id with a keyword, or -1) and the next shorter one. */
  readonly out: Int32Array;
  readonly nextOut: Int32Array;
  /** Per state: keyword length in code units, and whether its first / last character is a word character. */
  readonly length: Int32Array;
  readonly wordStart: Uint8Array;
  readonly wordEnd: Uint8Array;
  readonly states: number;
}

/** Builds the automaton for `words` (folded to lower case unless `caseSensitive`). */
export function buildKeywordAutomaton(words: readonly string[], caseSensitive: boolean): KeywordAutomaton {
  const fold = caseSensitive ? null : foldTable();
  const norm = new Set<string>();
  for (const w of words) {
    let s = '';
    for (let i = 0; i < w.length; i++) s += String.fromCharCode(fold ? (fold[w.charCodeAt(i)] as number) : w.charCodeAt(i));
    if (s.length) norm.add(s);
  }

  const symbol = new Uint16Array(65536);
  let symbols = 1;
  for (const w of norm) {
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      if (!symbol[c]) symbol[c] = symbols++;
    }
  }
  if (fold) {
    // Every code unit whose lower case is in a keyword maps to that symbol (`A` and `a`, `Ä` and `ä`).
    for (let c = 0; c < 65536; c++) {
      const f = fold[c] as number;
      if (f !== c && symbol[f]) symbol[c] = symbol[f] as number;
    }
  }

  // Trie with temporary maps, then renumbered breadth-first so shallow states get small ids.
  const kids: Map<number, number>[] = [new Map()];
  const lengthTmp: number[] = [0];
  const wordStartTmp: number[] = [0];
  const wordEndTmp: number[] = [0];
  for (const w of norm) {
    let s = 0;
    for (let i = 0; i < w.length; i++) {
      const a = symbol[w.charCodeAt(i)] as number;
      const row = kids[s] as Map<number, number>;
      let t = row.get(a);
      if (t === undefined) {
        t = kids.length;
        kids.push(new Map());
        lengthTmp.push(0);
        wordStartTmp.push(0);
        wordEndTmp.push(0);
        row.set(a, t);
      }
      s = t;
    }
    lengthTmp[s] = w.length;
    wordStartTmp[s] = isWordAt(w, 0) ? 1 : 0;
    wordEndTmp[s] = isWordAt(w, w.length - 1, true) ? 1 : 0;
  }
  const states = kids.length;
  const order: number[] = [0];
  const id = new Int32Array(states);
  for (let qi = 0; qi < order.length; qi++) {
    for (const t of (kids[order[qi] as number] as Map<number, number>).values()) {
      id[t] = order.length;
      order.push(t);
    }
  }

  const A = symbols;
  const dense = Math.max(1, Math.min(states, Math.floor(DENSE_CELLS / A)));
  const delta = new Int32Array(dense * A);
  const sparseCount = states - dense;
  const first = new Int32Array(sparseCount + 1);
  let total = 0;
  for (let s = dense; s < states; s++) {
    first[s - dense] = total;
    total += (kids[order[s] as number] as Map<number, number>).size;
  }
  first[sparseCount] = total;
  const childSymbol = new Uint16Array(total);
  const childState = new Int32Array(total);
  const fail = new Int32Array(states);
  const out = new Int32Array(states).fill(-1);
  const nextOut = new Int32Array(states).fill(-1);
  const length = new Int32Array(states);
  const wordStart = new Uint8Array(states);
  const wordEnd = new Uint8Array(states);

  // Transition from any state (used while building, once failure links of shallower states exist).
  const step = (s: number, a: number): number => {
    for (;;) {
      if (s < dense) return delta[s * A + a] as number;
      const row = kids[order[s] as number] as Map<number, number>;
      const t = row.get(a);
      if (t !== undefined) return id[t] as number;
      s = fail[s] as number;
    }
  };

  for (let s = 0; s < states; s++) {
    const old = order[s] as number;
    length[s] = lengthTmp[old] as number;
    wordStart[s] = wordStartTmp[old] as number;
    wordEnd[s] = wordEndTmp[old] as number;
    const f = fail[s] as number;
    if (s > 0) {
      out[s] = length[s] ? s : (out[f] as number);
      nextOut[s] = length[s] ? (out[f] as number) : -1;
    }
    const row = kids[old] as Map<number, number>;
    // Failure links of the children: breadth-first order guarantees `f` and its chain are done.
    for (const [a, t] of row) fail[id[t] as number] = s === 0 ? 0 : step(f, a);
    if (s < dense) {
      const base = s * A;
      for (let a = 1; a < A; a++) {
        const t = row.get(a);
        delta[base + a] = t !== undefined ? (id[t] as number) : s === 0 ? 0 : (delta[f * A + a] as number);
      }
    } else {
      let k = first[s - dense] as number;
      for (const [a, t] of row) {
        childSymbol[k] = a;
        childState[k] = id[t] as number;
        k++;
      }
    }
  }
  return { symbol, symbols, dense, delta, first, childSymbol, childState, fail, out, nextOut, length, wordStart, wordEnd, states };
}

/**
 * Runs the automaton over `text` and calls `report(start, end)` left to right with, for each place a
 * keyword ends, the longest keyword ending there (that passes the whole-word test). A match that
 * contains the previous one replaces it (`Blue Falcon` over `Blue`), so at most one finding per
 * character comes out and every keyword occurrence is covered by a reported match at least as long.
 */
export function runKeywordAutomaton(
  ac: KeywordAutomaton,
  text: string,
  wholeWord: boolean,
  report: (start: number, end: number) => void,
): void {
  const { symbol, dense, delta, first, childSymbol, childState, fail, out, nextOut, length, wordStart, wordEnd } = ac;
  const A = ac.symbols;
  const n = text.length;
  let s = 0;
  let pendStart = -1;
  let pendEnd = -1;
  for (let i = 0; i < n; i++) {
    const a = symbol[text.charCodeAt(i)] as number;
    if (a === 0) {
      s = 0;
      continue;
    }
    for (;;) {
      if (s < dense) {
        s = delta[s * A + a] as number;
        break;
      }
      let t = -1;
      for (let k = first[s - dense] as number, e = first[s - dense + 1] as number; k < e; k++) {
        if (childSymbol[k] === a) {
          t = childState[k] as number;
          break;
        }
      }
      if (t >= 0) {
        s = t;
        break;
      }
      s = fail[s] as number;
    }
    let o = out[s] as number;
    if (o < 0) continue;
    const end = i + 1;
    for (let hops = 0; o >= 0 && hops < MAX_OUTPUT_HOPS; hops++, o = nextOut[o] as number) {
      const start = end - (length[o] as number);
      if (wholeWord && ((wordStart[o] && isWordAt(text, start - 1, true)) || (wordEnd[o] && isWordAt(text, end)))) continue;
      // A match that contains the pending one replaces it; anything else flushes it. Partial
      // overlaps (`Blue Falcon` / `Falcon Nine`) are left to the engine, which keeps the longer.
      if (pendEnd >= 0 && start > pendStart) report(pendStart, pendEnd);
      pendStart = start;
      pendEnd = end;
      break;
    }
  }
  if (pendEnd >= 0) report(pendStart, pendEnd);
}

/**
 * Compiles a keyword detector into one pass reporting `tenant:<id>` for every keyword found.
 * Case-insensitive matching folds code unit by code unit (offsets never shift; `ß`/`SS` do not match).
 * Whole-word matching requires no letter, digit, mark or `_` next to a keyword edge that is itself a
 * word character, so `C++` matches in `C++,` and `Falcon` does not match inside `Falconer`.
 *
 * @example
 * const pass = compileKeywords({ kind: 'keywords', id: 'projects', name: 'Projects', words: ['Blue Falcon'],
 *   caseSensitive: false, wholeWord: true, confidence: 0.9 });
 * pass('the blue falcon launch', sink); // sink.add('tenant:projects', 4, 15, 0.9)
 */
export function compileKeywords(d: KeywordDetectorConfig): TenantPass {
  const ac = buildKeywordAutomaton(d.words, d.caseSensitive);
  const type = `tenant:${d.id}` as const;
  const { confidence, wholeWord } = d;
  return (text, sink) => runKeywordAutomaton(ac, text, wholeWord, (start, end) => sink.add(type, start, end, confidence));
}
