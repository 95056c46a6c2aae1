/**
 * Helpers shared by the prefix-based secret recognizers (not a detector itself).
 *
 * Anchors: most vendor prefixes start with a lower-case letter (`ghp_`, `glpat-`, `sk-`, `hf_`),
 * and an anchor that starts with a common letter makes the one-pass prefilter stop all over
 * ordinary prose (measured: about 8x slower on English text). So these recognizers anchor on the
 * rare punctuation inside the prefix instead (`_` or `-` followed by a long run of token
 * characters) and check the few letters left of it in `match`. Every recognizer that shares one of
 * these anchors must use the exported constant, so the engine stops once for all of them.
 */
import { DOCUMENTED_EXAMPLES, isPlaceholder } from '../../denylist.ts';

/**
 * The `_` inside `ghp_`, `github_pat_`, `sk_live_`, `hf_`, `npm_`, followed by at least 16
 * base-62 characters. Lookahead only, so the prefilter does not consume the token body and
 * other anchors inside it still fire.
 */
export const UNDERSCORE_TOKEN = '_(?=[0-9A-Za-z]{16})';

/**
 * The `-` inside `glpat-`, `xoxb-`, `sk-`, `sk-ant-`, followed by at least 8 token characters.
 * `(?!----)` keeps it off the dashes of a PEM `-----BEGIN` line, which has its own anchor.
 */
export const DASH_TOKEN = '-(?!----)(?=[0-9A-Za-z_-]{8})';

/**
 * Example values from vendor documentation that `DOCUMENTED_EXAMPLES` in `denylist.ts` does not
 * list yet (candidates to move there).
 */
export const VENDOR_EXAMPLES: ReadonlySet<string> = new Set([
  // The OAuth token example in GitHub's docs, and the same body as a user-to-server token.
  'gho_16C7e42F292c6912E7710c838347Ae178B4a',
  'ghu_16C7e42F292c6912E7710c838347Ae178B4a',
  // Stripe API reference test key.
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
]);

/** True for ASCII letters and digits (`c` is a char code; NaN, i.e. out of range, is false). */
export function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** True for base64url characters: letters, digits, `-`, `_`. */
export function isTokenChar(c: number): boolean {
  return isAlnum(c) || c === 45 || c === 95;
}

/** True when the token starting at `s` is not glued to a preceding letter or digit. */
export function startsFree(text: string, s: number): boolean {
  return s === 0 || !isAlnum(text.charCodeAt(s - 1));
}

/** True when the value ending at `end` is followed by `...` or `…`: a truncated, shown-not-real value. */
export function followedByEllipsis(text: string, end: number): boolean {
  return text.charCodeAt(end) === 0x2026 || text.startsWith('...', end);
}

// Lengths of the examples: most candidates skip hashing the value for the two set lookups.
const EXAMPLE_LENGTHS = new Set([...DOCUMENTED_EXAMPLES, ...VENDOR_EXAMPLES].map((e) => e.length));

// Filler words in lower, upper or capitalized case only: case-insensitive matching made random
// bodies hit `your`/`fake` (as `yoUR`, `faKE`) about once per 10,000 long tokens.
const FAKE_WORDS = new RegExp(
  ['xxxx', 'example', 'sample', 'placeholder', 'redacted', 'dummy', 'your', 'fake', 'changeme', 'token_?here', 'secret_?here']
    .flatMap((w) => [w, w.toUpperCase(), w[0]?.toUpperCase() + w.slice(1)])
    .join('|'),
);

// Scratch table for counting distinct characters without allocating: slot c holds the call
// number that last saw character c.
const seenIn = new Uint32Array(128);
let call = 0;

/**
 * True for values that are obviously not real secrets: documented examples, template placeholders
 * (`isPlaceholder`), bodies with mask or filler words (`xxxx`, `EXAMPLE`, `your`), a character
 * repeated six times, an ascending run of eight (`abcdefgh`, `12345678`), or fewer than 8 distinct
 * characters in 16 or more. `body` is the random part after the vendor prefix; for random base-62
 * bodies of 20+ characters each rule misfires with probability well under 1e-3.
 */
export function looksFake(value: string, body: string): boolean {
  if (EXAMPLE_LENGTHS.has(value.length) && (DOCUMENTED_EXAMPLES.has(value) || VENDOR_EXAMPLES.has(value))) return true;
  if (FAKE_WORDS.test(body)) return true;
  // One pass for the repetition rules (a regex with a back-reference cost 10x more here). Fillers
  // show from the start, so long bodies are checked on their first 64 characters only.
  if (++call === 0xffffffff) {
    seenIn.fill(0);
    call = 1;
  }
  const n = Math.min(body.length, 64);
  let distinct = 0;
  let same = 1;
  let ascending = 1;
  let prev = -2;
  for (let i = 0; i < n; i++) {
    const c = body.charCodeAt(i);
    if (distinct < 8 && c < 128 && seenIn[c] !== call) {
      seenIn[c] = call;
      distinct++;
    }
    same = c === prev ? same + 1 : 1;
    // Ascending within digits or letters (`9` -> `:` and `Z` -> `[` are not alphanumeric).
    ascending = c === prev + 1 && c !== 58 && c !== 91 && c !== 123 ? ascending + 1 : 1;
    if (same >= 6 || ascending >= 8) return true;
    prev = c;
  }
  if (n >= 16 && distinct < 8) return true;
  // Only the whole value goes to isPlaceholder: its word list (`my\w*`, `test`) would reject
  // random bodies that merely start with those letters.
  return isPlaceholder(value);
}

// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as in zlib.
const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** Value of a base-62 digit in the `0-9A-Z a-z` alphabet GitHub and npm use, or -1. */
function base62Digit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 90) return c - 55;
  if (c >= 97 && c <= 122) return c - 61;
  return -1;
}

/**
 * GitHub's token checksum (also used by npm's `npm_` tokens): the last 6 characters of the
 * body are the CRC-32 of the characters before them (prefix excluded), in base 62
 * (`0-9A-Za-z`), left-padded with `0`. `[start, end)` is the body after the prefix.
 *
 * @example
 * hasCrc32Checksum(token, 4, 40) // for `ghp_` + 30 random + 6 checksum characters
 */
export function hasCrc32Checksum(text: string, start: number, end: number): boolean {
  if (end - start <= 6) return false;
  let crc = -1;
  for (let i = start; i < end - 6; i++) crc = (crc >>> 8) ^ (CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] as number);
  const expected = (crc ^ -1) >>> 0;
  let n = 0;
  for (let i = end - 6; i < end; i++) {
    const d = base62Digit(text.charCodeAt(i));
    if (d < 0) return false;
    n = n * 62 + d;
  }
  return n === expected;
}
