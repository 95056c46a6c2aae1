/**
 * The `drop` operator: the value is removed, and one blank with it where removing only the value
 * would leave a double blank, a blank at the start of a line, or a blank before punctuation.
 *
 * "call 555-0100 today" -> "call today"; "write to a@b.example." -> "write to."
 */

const NONE = -1;
/** The next character is another replacement's output, not known yet. */
const UNKNOWN = -2;

const isBlank = (c: number) => c === 0x20 || c === 0x09;
const isLineStart = (c: number) => c === NONE || c === 0x0a || c === 0x0d;
/** After these a blank is not wanted: end of text, end of line, closing punctuation. */
const isClosing = (c: number) =>
  c === NONE ||
  c === 0x0a ||
  c === 0x0d ||
  c === 0x2c ||
  c === 0x2e ||
  c === 0x3b ||
  c === 0x3a ||
  c === 0x21 ||
  c === 0x3f ||
  c === 0x29 ||
  c === 0x5d ||
  c === 0x7d;

/**
 * The input range a dropped value removes: `[start, end)` possibly widened by one blank.
 *
 * @param cursor where the not-yet-copied input begins (end of the previous replaced range); the
 *   range never reaches before it.
 * @param limit where the next replaced range begins; the range never reaches past it.
 * @param before the last character already in the output (code unit), or -1 if none.
 *
 * @example
 * dropRange('call 555-0100 today', 5, 13, 0, 19, -1) // { start: 5, end: 14 }
 */
export function dropRange(
  text: string,
  start: number,
  end: number,
  cursor: number,
  limit: number,
  before: number,
): { start: number; end: number } {
  const prev = start > cursor ? text.charCodeAt(start - 1) : before;
  // The next character when it is plain input; when another replacement follows right away its
  // output is unknown here, so nothing is tidied on that side.
  const next = end < limit ? text.charCodeAt(end) : end === text.length ? NONE : UNKNOWN;
  if (isBlank(next) && (isBlank(prev) || isLineStart(prev))) return { start, end: end + 1 };
  if (start > cursor && isBlank(prev) && isClosing(next)) return { start: start - 1, end };
  return { start, end };
}
