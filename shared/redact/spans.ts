/**
 * Which ranges of the text get replaced, from the findings: the overlap strategy.
 *
 * - Whole-text findings (`source_code`, `confidential_marking`) are skipped: there is no value to
 *   cut out; the policy handles them (warn, justify or block the whole message).
 * - Each finding is widened to whole code points, so a surrogate pair is never split.
 * - Overlapping findings merge into one range covering all of them (the union), so no part of
 *   any finding survives. The range takes the type of its longest finding (the outer one when
 *   nested; ties: higher confidence, then type id). Touching findings (one ends where the next
 *   starts) stay separate.
 * - A range made of findings with different extents is `strict`: the mask then shows nothing,
 *   because the style of the winning type could reveal an inner finding.
 */
import { WHOLE_TEXT_TYPES, type Finding, type FindingType } from '../detect/types.ts';

/** One range to replace. */
export interface RedactSpan {
  start: number;
  end: number;
  type: FindingType;
  /** Made of overlapping findings with different extents. */
  strict: boolean;
}

/** False for whole-text findings, which span operators leave to the policy. */
export function isRedactable(f: Finding): boolean {
  return !WHOLE_TEXT_TYPES.has(f.type);
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

interface Widened {
  start: number;
  end: number;
  f: Finding;
}

/**
 * The ranges to replace, sorted by start and non-overlapping.
 *
 * @throws RangeError when a finding lies outside the text: findings must come from scanning this
 *   exact text, and guessing would risk leaving a value in place.
 */
export function redactSpans(text: string, findings: readonly Finding[]): RedactSpan[] {
  const widened: Widened[] = [];
  for (const f of findings) {
    if (!isRedactable(f)) continue;
    let { start, end } = f;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start > end) {
      throw new RangeError(`finding ${f.type} [${start}, ${end}) is outside the text (length ${text.length})`);
    }
    if (start === end) continue;
    if (start > 0 && isLow(text.charCodeAt(start)) && isHigh(text.charCodeAt(start - 1))) start--;
    if (end < text.length && isLow(text.charCodeAt(end)) && isHigh(text.charCodeAt(end - 1))) end++;
    widened.push({ start, end, f });
  }
  widened.sort((a, b) => a.start - b.start || b.end - a.end);

  const spans: RedactSpan[] = [];
  let i = 0;
  while (i < widened.length) {
    const first = widened[i] as Widened;
    let end = first.end;
    let best = first;
    let strict = false;
    for (i++; i < widened.length && (widened[i] as Widened).start < end; i++) {
      const w = widened[i] as Widened;
      if (w.start !== first.start || w.end !== first.end) strict = true;
      if (w.end > end) end = w.end;
      if (stronger(w, best)) best = w;
    }
    spans.push({ start: first.start, end, type: best.f.type, strict });
  }
  return spans;
}

function stronger(a: Widened, b: Widened): boolean {
  const la = a.end - a.start;
  const lb = b.end - b.start;
  if (la !== lb) return la > lb;
  if (a.f.confidence !== b.f.confidence) return a.f.confidence > b.f.confidence;
  return a.f.type < b.f.type;
}
