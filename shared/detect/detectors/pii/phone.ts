import { NUMBER } from '../../anchors.ts';
import type { Recognizer } from '../../recognizer.ts';
import type { FindingSink } from '../../types.ts';
import { labelDistance, labelled, labelNear, REFERENCE_WORDS } from './keywords.ts';
import { DASH, digitsEnd, DOT, isDigit, isSpace, isUpper, isWordCode, SLASH } from './number-token.ts';

const PHONE_WORDS =
  /\b(?:tel|tele?phone|phone|ph|call|called|calling|mobile|mob|cell|cellphone|fax|whatsapp|sms|contact|hotline|helpline|dial|telefon|telefone|telefono|teléfono|téléphone|tél|telefoon|mobiel|mobil|rufnummer|móvil|movil|celular|handy|portable)\b|☎|📞|✆/gi;

// Bounds on the run parsed from one hit (a phone number has at most 15 digits; the rest leaves room
// for a date or an id in front of it in the same run); longer runs are something else.
const MAX_GROUPS = 10;
const MAX_DIGITS = 30;

// Scratch space for the groups of the run being parsed: start and end of the digits, the joiner
// before the group (char code, 0 for none) and whether it is in parentheses. Overwritten by every
// call (match is synchronous), so no state survives between calls.
const GS = new Int32Array(MAX_GROUPS);
const GE = new Int32Array(MAX_GROUPS);
const GJ = new Int32Array(MAX_GROUPS);
const GP = new Uint8Array(MAX_GROUPS);

// ITU country codes: 1 and 7 are one digit; these two-digit codes; the rest are three digits long
// and start with one of the "zones" below.
const CC2 = new Set([
  20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81,
  82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
]);
const CC3_ZONES = new Set([21, 22, 23, 24, 25, 26, 29, 35, 37, 38, 42, 50, 59, 67, 68, 69, 80, 85, 87, 88, 96, 97, 99]);

// Length of the national number after the country code, [min, max], where it is well known;
// other countries: 6..12.
const NSN: ReadonlyMap<number, readonly [number, number]> = new Map<number, readonly [number, number]>([
  [1, [10, 10]],
  [7, [10, 10]],
  [20, [8, 10]],
  [27, [9, 9]],
  [30, [10, 10]],
  [31, [9, 9]],
  [32, [8, 9]],
  [33, [9, 9]],
  [34, [9, 9]],
  [36, [8, 9]],
  [39, [6, 11]],
  [41, [9, 9]],
  [43, [4, 13]],
  [44, [9, 10]],
  [45, [8, 8]],
  [46, [7, 10]],
  [47, [8, 8]],
  [48, [9, 9]],
  [49, [6, 13]],
  [52, [10, 10]],
  [55, [10, 11]],
  [61, [9, 9]],
  [81, [9, 10]],
  [86, [8, 11]],
  [90, [10, 10]],
  [91, [10, 10]],
]);

function len(k: number): number {
  return (GE[k] as number) - (GS[k] as number);
}

/** The `i`-th digit of group `k`. */
function digit(text: string, k: number, i = 0): number {
  return text.charCodeAt((GS[k] as number) + i) - 48;
}

/** Value of group `k` (at most 4 digits are ever asked for). */
function value(text: string, k: number): number {
  let v = 0;
  for (let i = GS[k] as number; i < (GE[k] as number); i++) v = v * 10 + text.charCodeAt(i) - 48;
  return v;
}

function isPlainSep(j: number): boolean {
  return j === DASH || j === DOT || isSpace(j);
}

/** True when groups a..a+2 read as a date: 2024-01-15, 15.01.2024, 15 01 24 (the last only as the whole run). */
function dateLike(text: string, a: number, b: number): boolean {
  if (b - a < 3 || GP[a] || GP[a + 1] || GP[a + 2] || GJ[a + 1] !== GJ[a + 2]) return false;
  const l0 = len(a);
  const l1 = len(a + 1);
  const l2 = len(a + 2);
  if (l1 > 2 || l1 < 1) return false;
  const v0 = l0 <= 4 ? value(text, a) : -1;
  const v1 = value(text, a + 1);
  const v2 = l2 <= 4 ? value(text, a + 2) : -1;
  if (l0 === 4) return v0 >= 1900 && v0 <= 2099 && v1 >= 1 && v1 <= 12 && l2 <= 2 && v2 >= 1 && v2 <= 31;
  if (l0 > 2 || v0 < 1 || v0 > 31 || v1 < 1 || v1 > 31 || (v0 > 12 && v1 > 12)) return false;
  return l2 === 4 || (l2 === 2 && b - a === 3);
}

/** Digits of the country code at the start of group `k`, or 0 when it is not a country code. */
function countryCode(text: string, k: number): number {
  const d1 = digit(text, k);
  if (d1 === 1 || d1 === 7) return d1;
  if (len(k) < 2) return 0;
  const d2 = d1 * 10 + digit(text, k, 1);
  if (CC2.has(d2)) return d2;
  if (len(k) >= 3 && CC3_ZONES.has(d2)) return d2 * 10 + digit(text, k, 2);
  return 0;
}

/** Base confidence of `+` groups a..b-1 as an international number, 0 when it is not one. */
function international(text: string, a: number, b: number): number {
  if (GP[a]) return 0;
  const cc = countryCode(text, a);
  if (cc === 0) return 0;
  const ccLen = cc < 10 ? 1 : cc < 100 ? 2 : 3;
  let digits = 0;
  let nonZero = false;
  let first = -1;
  for (let k = a; k < b; k++) {
    // `(0)`: the national trunk prefix, written but not dialled (`+44 (0)20 ...`).
    if (GP[k] && len(k) === 1 && digit(text, k) === 0) continue;
    for (let i = GS[k] as number; i < (GE[k] as number); i++) {
      if (digits >= ccLen) {
        const d = text.charCodeAt(i) - 48;
        if (first < 0) first = d;
        if (d !== 0) nonZero = true;
      }
      digits++;
    }
  }
  const nsn = digits - ccLen;
  const [min, max] = NSN.get(cc) ?? [6, 12];
  if (nsn < min || nsn > max || !nonZero || digits > 15) return 0;
  // North American area codes start with 2-9.
  if (cc === 1 && first < 2) return 0;
  return 0.85;
}

/**
 * Base confidence of groups a..b-1 (no `+`) as a national number in a well-known layout, 0 when
 * none fits.
 */
function national(text: string, a: number, b: number): number {
  const m = b - a;
  const j1 = m > 1 ? (GJ[a + 1] as number) : 0;
  const j2 = m > 2 ? (GJ[a + 2] as number) : 0;
  let digits = 0;
  for (let k = a; k < b; k++) digits += len(k);
  // `/` only in `030/1234567`; `uniform`: the joiners after the first one are all the same.
  let uniform = true;
  for (let k = a + 1; k < b; k++) {
    if (m > 2 && GJ[k] === SLASH) return 0;
    if (k > a + 1 && (GJ[k] !== j2 || GP[k])) uniform = false;
  }
  const d0 = digit(text, a);
  // NANP: (415) 555-0132, 415-555-0132, 415.555.0132, 415 555 0132, 1-415-555-0132, 1 (415) 555-0132.
  const n0 = m === 4 && len(a) === 1 && d0 === 1 && !GP[a] ? a + 1 : a;
  if (
    b - n0 === 3 &&
    !GP[n0 + 1] &&
    !GP[n0 + 2] &&
    len(n0) === 3 &&
    len(n0 + 1) === 3 &&
    len(n0 + 2) === 4 &&
    digit(text, n0) >= 2 &&
    digit(text, n0 + 1) >= 2
  ) {
    const jIn = GJ[n0 + 1] as number;
    const jOut = GJ[n0 + 2] as number;
    if (GP[n0] && (jIn === 0 || isSpace(jIn)) && isPlainSep(jOut)) return 0.75;
    if (!GP[n0] && jIn === jOut && isPlainSep(jIn) && (n0 === a || GJ[n0] === jIn)) return isSpace(jIn) ? 0.55 : 0.75;
  }
  // Brazil: (11) 91234-5678, (21) 2345-6789, 11 91234-5678.
  if (m === 3 && len(a) === 2 && d0 !== 0 && len(a + 2) === 4 && j2 === DASH) {
    const l1 = len(a + 1);
    if ((l1 === 5 && digit(text, a + 1) === 9) || l1 === 4) {
      if (GP[a] && (j1 === 0 || isSpace(j1))) return 0.75;
      if (!GP[a] && isSpace(j1) && l1 === 5) return 0.65;
    }
  }
  // India mobile: 98765 43210.
  if (m === 2 && !GP[a] && len(a) === 5 && len(a + 1) === 5 && d0 >= 6 && (isSpace(j1) || j1 === DASH)) return 0.6;
  // Spain, nine digits from 6-9: 91 123 45 67 (landline), 612 345 678 (mobile; written like
  // thousands, so below the threshold without a phone word).
  if (d0 >= 6 && !GP[a] && uniform && isSpace(j1) && j1 === j2 && digits === 9) {
    if (m === 4 && len(a) === 2 && len(a + 1) === 3 && len(a + 2) === 2 && (d0 === 8 || d0 === 9)) return 0.7;
    if (m === 3 && len(a) === 3 && len(a + 1) === 3) return 0.45;
  }
  // Trunk prefix 0 (UK, DE, FR, NL, IN, IT, ...): 020 7946 0958, 07700 900123, (030) 1234567,
  // 030/1234567, 01 23 45 67 89. Not 00, the international call prefix.
  if (d0 !== 0 || digit(text, a, 1) === 0) return 0;
  if (m === 5 && !GP[a] && uniform && isPlainSep(j1) && j1 === j2) {
    let pairs = true;
    for (let k = a; k < b; k++) if (len(k) !== 2) pairs = false;
    if (pairs) return 0.75;
  }
  if (m === 2) {
    // 030 12345678, 06-12345678 (NL), 09-7625400 (IL), 098765 43210 (IN with trunk 0); not ZIP+4
    // (`07978-9817`).
    const l0 = len(a);
    const l1 = len(a + 1);
    if (l0 === 5 && l1 === 4 && j1 === DASH) return 0;
    return l0 >= 2 && l0 <= 6 && l1 >= 4 && l1 <= 8 && digits >= 9 && digits <= 12 ? 0.6 : 0;
  }
  if ((m === 3 || m === 4) && uniform) {
    // 020 7946 0958, 0151 2345 6789 (DE mobile 01x: twelve digits), 020-123 4567 (NL: area code
    // dashed).
    if (len(a) < 2 || len(a) > 5 || digits < 10 || digits > 12 || (digits === 12 && digit(text, a, 1) !== 1)) return 0;
    for (let k = a + 1; k < b; k++) if (len(k) < 2 || len(k) > 4) return 0;
    if (GP[a] ? j1 !== 0 && !isSpace(j1) : j1 !== j2 && !(j1 === DASH && isSpace(j2))) return 0;
    return 0.65;
  }
  return 0;
}

/**
 * True when groups a..b-1 could be a phone number if a label says so: 7-12 digits (a national
 * number; longer ones need the `+` form), not thousands (`1 000 000`), not dotted like an IP
 * address or a version.
 */
function plausible(a: number, b: number): boolean {
  let digits = 0;
  let threes = true;
  let dots = true;
  for (let k = a; k < b; k++) {
    digits += len(k);
    if (k > a && len(k) !== 3) threes = false;
    if (k > a && GJ[k] !== DOT) dots = false;
    if (GJ[k] === SLASH) return false;
  }
  if (digits < 7 || digits > 12) return false;
  if (b - a >= 3 && len(a) <= 3 && threes) return false;
  return !(b - a >= 3 && dots);
}

/**
 * Phone numbers: international (`+1 415 555 0132`, `+44 (0)20 7946 0958`, `+14155550132`) and
 * national layouts (US `(415) 555-0132`, `415-555-0132`; UK `020 7946 0958`; DE `030 1234567`,
 * `(030) 1234567`; FR `01 23 45 67 89`; IN `98765 43210`; BR `(11) 91234-5678`, ...). The span
 * includes the `+`, country code and parentheses.
 *
 * Not reported: version strings (`1.2.3`, `v10.4.1`), dates (`2024-01-15`, `15/01/2024`), times,
 * IP addresses, thousands (`1 000 000`), amounts (`$`, `€`, `%`), numbers glued to words or ids
 * (`ORD-415-555-0132`), runs longer than a phone number (card numbers, long ids), and bare digits
 * or other layouts without a phone word (`tel`, `phone`, `call`, `mobile`, `fax`, `☎`, ...).
 *
 * Confidence: `+` with a valid country code and national length 0.85; national layouts 0.6-0.75
 * (NANP and FR 0.75, trunk-0 layouts 0.6-0.65, space-separated NANP 0.55 since lists of
 * numbers such as `300 450 1200` share its layout); any of these next to a
 * phone word 0.95 (`+`) or 0.9, minus 0.001 per character of distance; other plausible runs of
 * 7-12 digits next to a phone word 0.65. National layouts near order / invoice words without a
 * phone word: 0.3.
 *
 * Anchored on the number token; a run may span several tokens (`(415) 555-0132`), so a token that
 * continues an earlier one (right after `)` or a joiner following a digit) is left to the hit that
 * starts the run.
 */
export const phone: Recognizer = {
  type: 'phone',
  anchors: [NUMBER],
  match(text, start, end, sink) {
    let p = start;
    let c = text.charCodeAt(p - 1);
    // `(415) 555-0132` opens an area code; `(030 1234567)` is a number in parentheses.
    const paren = c === 40 && closesAt(text, start);
    if (paren) c = text.charCodeAt(--p - 1);
    const plus = !paren && c === 43;
    if (plus) c = text.charCodeAt(--p - 1);
    // Most numbers in prose are short and stand alone: leave before any work.
    if (!plus && !paren && end - start < 7) {
      const n = text.charCodeAt(end);
      if (n !== 40 && !(isSpace(n) && text.charCodeAt(end + 1) === 40)) return;
    }
    // Glued to a word (`v10.4.1`, `x+1`), an amount, a path, or continuing an earlier run
    // (`(415) 555-0132` is handled at `415`).
    if (isWordCode(c) || c === SLASH || c === 35 || c === 36 || c === 37 || c === 0xa3 || c === 0xa5 || c === 0x20ac) return;
    if (c === 41 && closesDigits(text, p - 1)) return;
    if (c === 32 && inIban(text, p - 1)) return;
    if (isPlainSep(c)) {
      const c2 = text.charCodeAt(p - 2);
      if (isDigit(c2) || (c2 === 41 && closesDigits(text, p - 2)) || (c === DASH && isWordCode(c2))) return;
    }

    // Parse the run: groups joined by one space, dash, dot or slash, at most one in parentheses.
    let i = plus ? p + 1 : p;
    let n = 0;
    let digits = 0;
    let parens = 0;
    let joiner = 0;
    let overflow = false;
    for (;;) {
      let j = i;
      const gp = text.charCodeAt(j) === 40 ? 1 : 0;
      if (gp) {
        if (parens > 0) break;
        j++;
      }
      const ge = digitsEnd(text, j);
      if (ge === j || (gp && text.charCodeAt(ge) !== 41)) break;
      if (n === MAX_GROUPS || digits + (ge - j) > MAX_DIGITS) {
        overflow = true;
        break;
      }
      GS[n] = j;
      GE[n] = ge;
      GJ[n] = joiner;
      GP[n] = gp;
      n++;
      digits += ge - j;
      parens += gp;
      i = gp ? ge + 1 : ge;
      const d = text.charCodeAt(i);
      const d2 = text.charCodeAt(i + 1);
      if ((isPlainSep(d) || d === SLASH) && (isDigit(d2) || (d2 === 40 && parens === 0 && d !== SLASH))) {
        joiner = d;
        i++;
      } else if ((gp && isDigit(d)) || (d === 40 && parens === 0)) joiner = 0;
      else break;
    }
    if (n === 0) return;

    // The whole run, else its pieces split at spaces that separate differently written numbers
    // (`2024-01-15 415-555-0132`, `12 (415) 555-0132`).
    if (report(text, p, plus, 0, n, overflow, sink)) return;
    let a = 0;
    for (let k = 1; k < n; k++) {
      const split =
        isSpace(GJ[k] as number) &&
        !GP[k - 1] &&
        (GP[k] === 1 || (k >= 2 && !isSpace(GJ[k - 1] as number)) || (k + 1 < n && !isSpace(GJ[k + 1] as number) && GJ[k + 1] !== 0));
      if (!split) continue;
      report(text, p, plus, a, k, false, sink);
      a = k;
    }
    if (a > 0) report(text, p, plus, a, n, overflow, sink);
  },
};

/**
 * Distance to a one-letter phone label right before `s` (`M: `, `T. `, `F: ` in signatures:
 * mobile, telephone, phone, fax, cell, office, home, work), or -1. Upper case only, at the start of
 * a line or after a space or `|`, and at most two spaces before the number.
 */
function letterLabel(text: string, s: number): number {
  let i = s;
  while (i > s - 2 && isSpace(text.charCodeAt(i - 1))) i--;
  const colon = text.charCodeAt(i - 1);
  if (colon !== 58 && colon !== DOT) return -1;
  const l = text.charCodeAt(i - 2);
  if (l !== 77 && l !== 84 && l !== 80 && l !== 70 && l !== 67 && l !== 79 && l !== 72 && l !== 87) return -1;
  const b = text.charCodeAt(i - 3);
  return b !== b || b === 10 || b === 13 || isSpace(b) || b === 124 ? s - i : -1;
}

/** True when the digits at `start` are 1-5 long and closed by `)`: `415)`. */
function closesAt(text: string, start: number): boolean {
  const e = digitsEnd(text, start);
  return e - start <= 5 && text.charCodeAt(e) === 41;
}

/**
 * True when the space at `sp` follows the groups of an IBAN written in fours (`NL91 ABNA 0417 …`,
 * valid or not): a four-character group of capitals and digits after `CCdd`.
 */
function inIban(text: string, sp: number): boolean {
  for (let g = sp - 4; g >= sp - 9 && g >= 0; g -= 5) {
    if (text.charCodeAt(g + 4) !== 32) return false;
    let alnum = true;
    for (let i = g; i < g + 4; i++) {
      const c = text.charCodeAt(i);
      if (!isDigit(c) && !isUpper(c)) alnum = false;
    }
    if (!alnum) return false;
    if (
      isUpper(text.charCodeAt(g)) &&
      isUpper(text.charCodeAt(g + 1)) &&
      isDigit(text.charCodeAt(g + 2)) &&
      isDigit(text.charCodeAt(g + 3))
    ) {
      return !isWordCode(text.charCodeAt(g - 1));
    }
  }
  return false;
}

/** True when the `)` at `close` ends a parenthesised group of 1-5 digits: `(415)`, `(0)`. */
function closesDigits(text: string, close: number): boolean {
  let i = close - 1;
  while (i >= close - 5 && isDigit(text.charCodeAt(i))) i--;
  return i < close - 1 && text.charCodeAt(i) === 40;
}

/**
 * Reports groups a..b-1 of the parsed run when they make a phone number. `p` is where the run
 * starts (its `+` or `(`); `cut` says more digits follow the last group (the run was too long).
 */
function report(text: string, p: number, plus: boolean, a: number, b: number, cut: boolean, sink: FindingSink): boolean {
  if (GP[b - 1] || cut) return false;
  const s = a === 0 ? p : GP[a] ? (GS[a] as number) - 1 : (GS[a] as number);
  const e = GE[b - 1] as number;
  // What follows: not a word, a percent sign, or more digits after `/`, `:` (dates, times, ports).
  const c = text.charCodeAt(e);
  if (isWordCode(c) || c === 37 || ((c === SLASH || c === 58 || c === DASH || c === DOT) && isDigit(text.charCodeAt(e + 1)))) return false;
  if (dateLike(text, a, b)) return false;
  let base = a === 0 && plus ? international(text, a, b) : national(text, a, b);
  // A `+` number that fails the country rules is not rescued by a label.
  if (base === 0 && ((a === 0 && plus) || !plausible(a, b))) return false;
  // A column header is only looked up when it decides whether the number is reported.
  let dist = base >= 0.5 ? labelDistance(text, s, e, PHONE_WORDS) : labelNear(text, s, e, PHONE_WORDS);
  if (dist < 0) dist = letterLabel(text, s);
  if (dist >= 0) base = labelled(base === 0 ? 0.65 : a === 0 && plus ? 0.95 : 0.9, dist);
  else if (base === 0) return false;
  else if (!(a === 0 && plus) && labelDistance(text, s, e, REFERENCE_WORDS, 32, 16) >= 0) base = 0.3;
  sink.add('phone', s, e, base);
  return true;
}
