/**
 * Column headers of delimited tables (not a detector itself). In a CSV export the label of a value
 * is its column header, often many rows above it (`customer_id,name,ssn\n…\n…,521374096`), far
 * outside the few dozen characters `labelDistance` reads. `columnHeader` finds the header cell of
 * the column holding a value.
 *
 * Tables: rows of cells split by `,`, `;`, tab or `|` (Markdown tables, whose `|---|` rule line is
 * skipped, and whose cells may be padded with spaces), cells optionally quoted (`"…"`, with the
 * delimiter allowed inside quotes). The header is a line with the same number of delimiters and no
 * run of three digits (data rows almost always have one: ids, phones, amounts): one of the first
 * `HEAD_LINES` lines of the text (an export pasted with its header on top, maybe after a line or
 * two of prompt), else the line right above the value's row (or above a Markdown rule).
 *
 * Cost: a few row lengths per candidate, whatever the size of the table, because every candidate
 * of every row asks again (recognizers keep no state): the value must start within `MAX_OFFSET`
 * characters of its row start (a 1 MB line of `1,1,1,…` gives up after that), lines are read up to
 * `MAX_LINE` characters, and only the first lines of the text and the two lines above the row are
 * tried. So a table that starts further down a text, after a longer introduction, has its header
 * read for its first row only. Called only for candidates that passed their checksum and have no
 * label nearby.
 */

const COMMA = 44;
const SEMI = 59;
const TAB = 9;
const PIPE = 124;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;

/** Longest line read, in characters. */
const MAX_LINE = 1024;
/** Furthest a value may start from the start of its row, in characters. */
const MAX_OFFSET = 320;
/** Lines at the start of the text tried as the header, and how far into the text they may start. */
const HEAD_LINES = 3;
const HEAD_CHARS = 512;

function isDelim(c: number): boolean {
  return c === COMMA || c === SEMI || c === TAB || c === PIPE;
}

function isBreak(c: number): boolean {
  return c === LF || c === CR || c !== c;
}

// Results of `scanLine`, overwritten by every call (synchronous, never re-entered).
let lineCount = 0;
let lineEnd = 0;
let lineDigits = false;
let lineRule = true;

/**
 * Reads the line starting at `ls` (at most `MAX_LINE` characters): counts the delimiters `d`
 * outside quotes, finds its end, and notes whether it has a run of three digits and whether it is
 * a Markdown rule line (`|---|:--|`). False when the line is longer than `MAX_LINE`.
 */
function scanLine(text: string, ls: number, d: number): boolean {
  const stop = Math.min(text.length, ls + MAX_LINE);
  let count = 0;
  let quoted = false;
  let run = 0;
  let digits = false;
  let rule = true;
  let i = ls;
  for (; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) break;
    if (c === QUOTE) quoted = !quoted;
    else if (c === d && !quoted) count++;
    if (c >= 48 && c <= 57) {
      if (++run >= 3) digits = true;
    } else run = 0;
    if (c !== 45 && c !== 58 && c !== PIPE && c !== SPACE && c !== 43) rule = false;
  }
  if (i === stop && i < text.length && !isBreak(text.charCodeAt(i))) return false;
  lineCount = count;
  lineEnd = i;
  lineDigits = digits;
  lineRule = rule && i > ls;
  return true;
}

/** Start of the line that ends at `le` (exclusive), or -1 when it starts before `floor`. */
function lineStart(text: string, le: number, floor: number): number {
  let i = le;
  while (i > floor) {
    const c = text.charCodeAt(i - 1);
    if (c === LF || c === CR) return i;
    i--;
  }
  return i === 0 ? 0 : -1;
}

/** End (exclusive) of the line before the one starting at `ls` (before its `\n` or `\r\n`), or -1. */
function previousLineEnd(text: string, ls: number): number {
  if (ls === 0) return -1;
  let le = ls - 1;
  if (text.charCodeAt(le) === LF && text.charCodeAt(le - 1) === CR) le--;
  return le;
}

/**
 * True when the cell `[start, end)` sits in a delimited table whose header cell for that column
 * matches `words` (a regular expression; its `lastIndex` is reset).
 *
 * @example
 * const t = 'name,ssn\nAna,521374096';
 * columnHeaderMatches(t, 13, 22, /\bssn\b/gi) // true
 */
export function columnHeaderMatches(text: string, start: number, end: number, words: RegExp): boolean {
  const h = columnHeader(text, start, end);
  if (h === undefined) return false;
  words.lastIndex = 0;
  return words.test(h);
}

/**
 * The header cell (as written, without the delimiters) of the column holding the cell
 * `[start, end)` of a delimited table, or undefined when the value is not a table cell or no
 * header is found.
 *
 * @example
 * columnHeader('name,ssn\nAna,521374096', 13, 22) // 'ssn'
 */
export function columnHeader(text: string, start: number, end: number): string | undefined {
  // The cell around the value: optional padding spaces and quotes.
  let cs = start;
  if (text.charCodeAt(cs - 1) === QUOTE) cs--;
  let ce = end;
  if (text.charCodeAt(ce) === QUOTE) ce++;
  // Padding spaces only in Markdown tables (`| 521374096 |`), not after a comma (prose, lists).
  let ps = cs;
  while (ps > cs - 3 && text.charCodeAt(ps - 1) === SPACE) ps--;
  if (ps < cs && text.charCodeAt(ps - 1) === PIPE) cs = ps;
  let pe = ce;
  while (pe < ce + 3 && text.charCodeAt(pe) === SPACE) pe++;
  if (pe > ce && text.charCodeAt(pe) === PIPE) ce = pe;
  const left = cs > 0 ? text.charCodeAt(cs - 1) : LF;
  const right = text.charCodeAt(ce);
  let d: number;
  if (isDelim(left)) {
    d = left;
    if (right !== d && !isBreak(right)) return undefined;
  } else if (left === LF || left === CR) {
    if (!isDelim(right)) return undefined;
    d = right;
  } else return undefined;

  // Back to the start of the row, counting the delimiters before the value (its column); a quote
  // on the way means quoted cells, counted again forwards where the quoting is known.
  const floor = Math.max(0, cs - MAX_OFFSET);
  let ls = cs;
  let col = 0;
  let quotes = false;
  for (; ls > floor; ls--) {
    const c = text.charCodeAt(ls - 1);
    if (c === LF || c === CR) break;
    if (c === d) col++;
    else if (c === QUOTE) quotes = true;
  }
  if (ls > 0 && !isBreak(text.charCodeAt(ls - 1))) return undefined;
  if (quotes) {
    col = 0;
    let quoted = false;
    for (let i = ls; i < cs; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) quoted = !quoted;
      else if (c === d && !quoted) col++;
    }
  }
  // The row's cells: its delimiters before and after the value.
  const cells = col + countDelims(text, ce, d);
  if (cells === 0) return undefined;

  // The header: one of the first lines of the text, else the line above (above a Markdown rule).
  const head = headLines(text, ls, d, cells);
  if (head >= 0) return cell(text, head, d, col);
  let le = previousLineEnd(text, ls);
  for (let n = 0; n < 2 && le >= 0; n++) {
    const pls = lineStart(text, le, Math.max(0, le - MAX_LINE));
    if (pls < 0 || pls === le || !scanLine(text, pls, d)) return undefined;
    if (!lineRule) return lineCount === cells && !lineDigits ? cell(text, pls, d, col) : undefined;
    le = previousLineEnd(text, pls);
  }
  return undefined;
}

/** Delimiters `d` outside quotes from `from` to the end of its line (at most `MAX_LINE` on). */
function countDelims(text: string, from: number, d: number): number {
  const stop = Math.min(text.length, from + MAX_LINE);
  let count = 0;
  let quoted = false;
  for (let i = from; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) break;
    if (c === QUOTE) quoted = !quoted;
    else if (c === d && !quoted) count++;
  }
  return count;
}

/** Start of the header among the first lines of the text (those above `limit`), or -1. */
function headLines(text: string, limit: number, d: number, cells: number): number {
  let ls = 0;
  for (let n = 0; n < HEAD_LINES && ls < limit && ls < HEAD_CHARS; n++) {
    if (!scanLine(text, ls, d)) return -1;
    if (lineCount === cells && !lineDigits && !lineRule) return ls;
    ls = lineEnd + (text.charCodeAt(lineEnd) === CR && text.charCodeAt(lineEnd + 1) === LF ? 2 : 1);
  }
  return -1;
}

/** Cell `col` of the line starting at `ls`. */
function cell(text: string, ls: number, d: number, col: number): string | undefined {
  let i = ls;
  let quoted = false;
  let k = 0;
  for (; k < col; i++) {
    const c = text.charCodeAt(i);
    if (isBreak(c)) return undefined;
    if (c === QUOTE) quoted = !quoted;
    else if (c === d && !quoted) k++;
  }
  let j = i;
  quoted = false;
  for (; j < i + MAX_LINE; j++) {
    const c = text.charCodeAt(j);
    if (isBreak(c)) break;
    if (c === QUOTE) quoted = !quoted;
    else if (c === d && !quoted) break;
  }
  return text.slice(i, j);
}
