import { allowedBefore, firstChars, secondChars } from './first-chars.ts';
import type { DocumentClassifier, Recognizer } from './recognizer.ts';
import type { Finding, FindingSink, FindingType } from './types.ts';

/** Per-type minimum confidence; findings below it are dropped. */
export type Thresholds = Readonly<Partial<Record<string, number>>> & { readonly default: number };

export interface EngineParts {
  readonly recognizers: readonly Recognizer[];
  readonly classifiers: readonly DocumentClassifier[];
  /** Extra passes over the text (tenant detectors); they add findings like recognizers do. */
  readonly extraPasses?: readonly ((text: string, sink: FindingSink) => void)[];
}

export interface Scanner {
  /** Scans one text and returns findings sorted by start, overlaps resolved, thresholds applied. */
  scan(text: string, thresholds?: Thresholds): Finding[];
  /** All findings before overlap resolution and thresholds (for evaluation and debugging). */
  scanRaw(text: string): Finding[];
}

interface AnchorGroup {
  readonly source: string;
  /** The anchor alone, sticky: tells whether this anchor also matches where another one hit. */
  readonly sticky: RegExp;
  /** ASCII characters allowed before a hit (1) when the anchor opens with a word boundary. */
  readonly before: Uint8Array | null;
  /** Characters that can follow the first one of a hit (1), non-ASCII at index 128; null: any. */
  readonly second: Uint8Array | null;
  readonly recognizers: readonly Recognizer[];
}

/**
 * A span finding at least this confident consumes its text: the scan goes on after it, so the
 * characters of a matched token are not looked at again by every anchor they contain (`-`, `_`,
 * digits). Overlapping findings inside it would lose to it anyway.
 */
const CONSUME = 0.9;

/** Non-candidate characters stepped over one by one before the native skip takes over. */
const GAP_STEPS = 4;

const ANCHOR_CHECK = /\((?!\?)/;

/**
 * Builds a scanner from recognizers. One left-to-right pass over the text tries, at each
 * position, the distinct anchors that can start with its character; each hit is handed to the
 * recognizers that declared that anchor.
 *
 * @example
 * const scanner = createScanner({ recognizers: RECOGNIZERS, classifiers: CLASSIFIERS });
 * scanner.scan('mail me at a.b@example.org'); // [{ type: 'email', start: 11, end: 26, confidence: ... }]
 */
export function createScanner(parts: EngineParts): Scanner {
  const bySource = new Map<string, Recognizer[]>();
  for (const r of parts.recognizers) {
    for (const a of r.anchors) {
      if (ANCHOR_CHECK.test(a.replace(/\\./g, ''))) throw new Error(`Anchor of ${r.type} has a capturing group: ${a}`);
      const list = bySource.get(a) ?? [];
      if (!list.includes(r)) list.push(r);
      bySource.set(a, list);
    }
  }
  const groups: AnchorGroup[] = [...bySource].map(([source, recognizers]) => ({
    source,
    sticky: new RegExp(source, 'y'),
    before: allowedBefore(source),
    second: charTable(secondChars(source)),
    recognizers,
  }));
  // Prefilter table: for each ASCII character, the anchors that can start with it (in
  // registration order); one list for non-ASCII characters; anchors the analysis cannot bound are
  // tried everywhere.
  const byChar: (AnchorGroup[] | undefined)[] = new Array(128).fill(undefined);
  const nonAscii: AnchorGroup[] = [];
  const everywhere: AnchorGroup[] = [];
  for (const g of groups) {
    const f = firstChars(g.source);
    if (f.any) {
      everywhere.push(g);
      continue;
    }
    for (const c of f.ascii) (byChar[c] ??= []).push(g);
    if (f.nonAscii) nonAscii.push(g);
  }
  if (everywhere.length) {
    for (let c = 0; c < 128; c++) byChar[c] = [...(byChar[c] ?? []), ...everywhere];
    nonAscii.push(...everywhere);
  }
  const nonAsciiList = nonAscii.length ? nonAscii : undefined;
  const skip = skipRegex(byChar, nonAsciiList !== undefined);
  // Literal words: one indexOf walk per word (the engine's string search is much faster than
  // stopping the prefilter at each occurrence of a common first letter).
  const literals = new Map<string, Recognizer[]>();
  for (const r of parts.recognizers) {
    for (const w of r.literals ?? []) {
      if (!w) throw new Error(`Empty literal of ${r.type}`);
      const list = literals.get(w) ?? [];
      if (!list.includes(r)) list.push(r);
      literals.set(w, list);
    }
  }
  const literalList = [...literals];
  const classifiers = parts.classifiers;
  const extra = parts.extraPasses ?? [];

  function scanRaw(text: string): Finding[] {
    const found: Finding[] = [];
    // End of the last confident finding: anchors inside it are not tried (see CONSUME).
    let consumed = 0;
    const sink: FindingSink = {
      add(type: FindingType, start: number, end: number, confidence: number) {
        if (end <= start || start < 0 || end > text.length) return;
        found.push({ type, start, end, confidence: confidence < 0 ? 0 : confidence > 1 ? 1 : confidence });
        if (confidence >= CONSUME && end > consumed) consumed = end;
      },
    };
    // One pass over the characters. At each position only the anchors that can start with that
    // character are tried (sticky, so each try is a few comparisons); every anchor that matches
    // hands the hit to its recognizers. The scan resumes after the longest hit, so a number token
    // or a token prefix is looked at once, not at each of its characters.
    const n = text.length;
    let i = 0;
    let gap = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      const candidates = c < 128 ? byChar[c] : nonAsciiList;
      if (candidates === undefined) {
        // Short gaps between candidates are stepped over here; a long one (prose) is crossed by
        // the regex engine's native scan for the next character that can start an anchor.
        if (++gap < GAP_STEPS) {
          i++;
          continue;
        }
        gap = 0;
        skip.lastIndex = i;
        if (!skip.test(text)) break;
        i = skip.lastIndex - 1;
        continue;
      }
      gap = 0;
      let next = i + 1;
      for (let k = 0; k < candidates.length; k++) {
        const g = candidates[k] as AnchorGroup;
        if (g.before !== null && i > 0) {
          const p = text.charCodeAt(i - 1);
          if (p < 128 && g.before[p] === 0) continue;
        }
        if (g.second !== null) {
          const d = text.charCodeAt(i + 1);
          if (!(d < 128 ? g.second[d] : d === d && g.second[128])) continue; // d !== d: end of text
        }
        g.sticky.lastIndex = i;
        if (!g.sticky.test(text)) continue;
        const end = g.sticky.lastIndex;
        dispatch(g.recognizers, text, i, end, sink);
        if (end > next) next = end;
      }
      i = next > consumed ? next : consumed;
    }
    for (let k = 0; k < literalList.length; k++) {
      const [word, rs] = literalList[k] as [string, Recognizer[]];
      for (let p = text.indexOf(word); p >= 0; p = text.indexOf(word, p + word.length)) {
        dispatch(rs, text, p, p + word.length, sink);
      }
    }
    for (const c of classifiers) c.classify(text, sink);
    for (const pass of extra) pass(text, sink);
    return found;
  }

  return {
    scanRaw,
    scan(text: string, thresholds: Thresholds = DEFAULT_THRESHOLDS): Finding[] {
      const raw = scanRaw(text);
      const kept = raw.filter((f) => f.confidence >= (thresholds[f.type] ?? thresholds.default));
      return resolveOverlaps(kept);
    },
  };
}

/**
 * The native skip's regex: one character that can start an anchor, followed (lookahead, so a
 * match is always one character long) by a character that can come second when every anchor
 * starting with it says which (`p` only before `a`/`w`, `b` only before `y`).
 */
function skipRegex(byChar: readonly (AnchorGroup[] | undefined)[], nonAscii: boolean): RegExp {
  const esc = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`;
  let single = nonAscii ? '\\u0080-\\uffff' : '';
  const paired: string[] = [];
  byChar.forEach((list, c) => {
    if (!list) return;
    if (list.some((g) => g.second === null)) {
      single += esc(c);
      return;
    }
    const next: string[] = [];
    for (let d = 0; d < 128; d++) if (list.some((g) => g.second?.[d] === 1)) next.push(esc(d));
    if (list.some((g) => g.second?.[128] === 1)) next.push('\\u0080-\\uffff');
    paired.push(`${esc(c)}(?=[${next.join('')}])`);
  });
  return new RegExp([`[${single}]`, ...paired].join('|'), 'g');
}

/** A 129-entry table of the characters in `f` (index 128: any non-ASCII one); null for null. */
function charTable(f: ReturnType<typeof secondChars>): Uint8Array | null {
  if (f === null || f.any) return null;
  const t = new Uint8Array(129);
  for (const c of f.ascii) t[c] = 1;
  if (f.nonAscii) t[128] = 1;
  return t;
}

function dispatch(rs: readonly Recognizer[], text: string, start: number, end: number, sink: FindingSink): void {
  for (let i = 0; i < rs.length; i++) (rs[i] as Recognizer).match(text, start, end, sink);
}

export const DEFAULT_THRESHOLDS: Thresholds = { default: 0.5 };

function isWholeText(f: Finding): boolean {
  return f.type === 'source_code' || f.type === 'confidential_marking';
}

/**
 * Overlap strategy: identical findings collapse; among overlapping span findings the one with the
 * higher confidence wins, ties go to the longer span, then the earlier one. Whole-text findings
 * (source code, markings) never compete with span findings.
 */
export function resolveOverlaps(findings: Finding[]): Finding[] {
  const whole = findings.filter(isWholeText);
  const spans = findings.filter((f) => !isWholeText(f));
  // Clusters of transitively overlapping spans are independent, so each is resolved on its own:
  // strongest first, keep what does not overlap something already kept. Clusters are small in
  // practice, which keeps this linear in the number of findings.
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Finding[] = [];
  let i = 0;
  while (i < spans.length) {
    const first = spans[i] as Finding;
    let j = i + 1;
    let clusterEnd = first.end;
    while (j < spans.length && (spans[j] as Finding).start < clusterEnd) {
      clusterEnd = Math.max(clusterEnd, (spans[j] as Finding).end);
      j++;
    }
    if (j === i + 1) kept.push(first);
    else kept.push(...resolveCluster(spans.slice(i, j)));
    i = j;
  }
  const seen = new Set<string>();
  const wholeKept = whole.filter((f) => {
    const key = `${f.type}:${f.start}:${f.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return [...kept, ...wholeKept].sort((a, b) => a.start - b.start || a.end - b.end);
}

function resolveCluster(cluster: Finding[]): Finding[] {
  cluster.sort((a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start);
  // `chosen` stays sorted by start and non-overlapping, so one binary search decides each candidate.
  const chosen: Finding[] = [];
  for (const f of cluster) {
    let lo = 0;
    let hi = chosen.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((chosen[mid] as Finding).start < f.start) lo = mid + 1;
      else hi = mid;
    }
    const prev = chosen[lo - 1];
    const next = chosen[lo];
    if ((prev && prev.end > f.start) || (next && next.start < f.end)) continue;
    chosen.splice(lo, 0, f);
  }
  return chosen;
}
