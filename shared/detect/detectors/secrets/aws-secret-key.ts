import { ASSIGN } from '../../anchors.ts';
import type { Recognizer } from '../../recognizer.ts';
import type { FindingSink } from '../../types.ts';

/**
 * The access key id anchor, character for character the one `aws_access_key` declares: identical
 * sources share one prefilter group, a different one would let the first group in the master
 * regex steal every `AKIA` hit from the other recognizer.
 */
export const ACCESS_KEY_ID_ANCHOR = 'A(?:KIA|SIA|BIA|CCA|GPA|IDA|ROA|IPA|NPA|NVA|PKA)';

const KEY_ID = /(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z2-7]{16}(?![A-Za-z0-9])/y;
const SECRET_LEN = 40;
// How far after an access key id its secret may follow (the CSV, JSON, XML and INI layouts AWS
// tools print put it on the same line or within the next three).
const AFTER_ID_CHARS = 400;
const AFTER_ID_LINES = 4;

// Key names that only ever hold an AWS secret access key.
const STRONG_KEY = /(?:aws[\s_.-]?secret|secret[\s_.-]?access[\s_.-]?key)/i;
// `AWS Secret Access Key [None]: ` (the `aws configure` prompt).
const PROMPT = /aws\s+secret\s+access\s+key(?:\s*\[[^\]\n]{0,40}\])?\s*$/i;
// Generic secret keys that need AWS context nearby.
const GENERIC_KEY = /^(?:[\w.-]*[_.-])?secret(?:[_.-]?key)?$/i;
const AWS_CONTEXT = /(?:AKIA|ASIA)[A-Z2-7]{16}|(?<![A-Za-z])aws(?![a-z])/i;

/** `[A-Za-z0-9_.-]`: the characters of a key name. */
function isKeyNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45;
}

function isB64(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47;
}

/** True when `[s, s+40)` is a 40-character base64 run not glued to more base64 (or `=` padding). */
function isSecretRun(text: string, s: number): boolean {
  if (s > 0 && isB64(text.charCodeAt(s - 1))) return false;
  const e = s + SECRET_LEN;
  // The two ends first: most values after an `=` are shorter or longer and fail here.
  if (!isB64(text.charCodeAt(e - 1)) || isB64(text.charCodeAt(e)) || text.charCodeAt(e) === 61) return false;
  for (let i = s; i < e; i++) if (!isB64(text.charCodeAt(i))) return false;
  return true;
}

// Scratch counts for `looksRandom` (one slot per ASCII code; every candidate is base64, so ASCII).
const counts = new Uint8Array(128);
const LOG2_LEN = Math.log2(SECRET_LEN);

/**
 * How random the candidate looks: AWS secrets are 30 random bytes in base64, so they mix upper
 * case, lower case and digits (a random 40-character string lacks digits with probability ~0.1%)
 * and have about 4.5-5 bits of entropy per character. Git SHAs (hex, one case) and words fail.
 * One allocation-free pass over the 40 characters (`isSecretRun` has checked they are base64);
 * the documented examples all contain `EXAMPLE`, which is searched for in the same pass.
 */
function looksRandom(text: string, s: number): boolean {
  const e = s + SECRET_LEN;
  let lower = false;
  let upper = false;
  let digit = false;
  let hex = true;
  let example = false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      lower = true;
      if (c > 102) hex = false;
    } else if (c >= 65 && c <= 90) {
      upper = true;
      if (c > 70) hex = false;
    } else if (c >= 48 && c <= 57) digit = true;
    else hex = false;
    if ((c | 0x20) === 101 && isExampleAt(text, i)) example = true;
  }
  // The documented examples all contain EXAMPLE (aws-secret-key.test.ts checks), so `example`
  // has ruled them out without a copy of the value.
  if (!lower || !upper || !digit || hex || example) return false;
  // Entropy from the counts: H = log2(n) - sum(k * log2 k) / n.
  let sum = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    counts[c] = (counts[c] as number) + 1;
  }
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    const k = counts[c] as number;
    if (k > 0) {
      sum += K_LOG2_K[k] as number;
      counts[c] = 0;
    }
  }
  return LOG2_LEN - sum / SECRET_LEN >= 4;
}

/** k * log2(k) for every count a 40-character candidate can have. */
const K_LOG2_K = Float64Array.from({ length: SECRET_LEN + 1 }, (_, k) => (k > 0 ? k * Math.log2(k) : 0));

/** True when `example` (any case) starts at `i`. */
function isExampleAt(text: string, i: number): boolean {
  const w = 'example';
  for (let k = 0; k < w.length; k++) if ((text.charCodeAt(i + k) | 0x20) !== w.charCodeAt(k)) return false;
  return true;
}

/**
 * Confidence from the key left of the separator at `sep` (0 when the key does not name an AWS
 * secret). `aws_secret_access_key`, `SecretAccessKey`, `AWS_SECRET` and the `aws configure` prompt
 * are enough on their own; `secret_key` / `secret` need an access key id or the word AWS within
 * 300 characters.
 */
function keyConfidence(text: string, sep: number): number {
  let j = sep;
  while (j > 0 && sep - j < 8 && (text.charCodeAt(j - 1) === 32 || text.charCodeAt(j - 1) === 9)) j--;
  for (
    let c = text.charCodeAt(j - 1);
    j > 0 && sep - j < 10 && (c === 34 || c === 39 || c === 96 || c === 93 || c === 63);
    c = text.charCodeAt(j - 1)
  )
    j--;
  const keyEnd = j;
  while (j > 0 && keyEnd - j < 40 && isKeyNameChar(text.charCodeAt(j - 1))) j--;
  const key = text.slice(j, keyEnd);
  if (STRONG_KEY.test(key)) return 0.95;
  if (PROMPT.test(text.slice(Math.max(0, sep - 60), sep))) return 0.95;
  if (GENERIC_KEY.test(key) && AWS_CONTEXT.test(text.slice(Math.max(0, j - 300), Math.min(text.length, sep + 300)))) return 0.85;
  return 0;
}

/** Where the value after the separator at `at` starts, or -1 (`=`, `:`, `:=`, `=>`, blanks, a quote). */
function valueStart(text: string, at: number): number {
  let p = at + 1;
  const c = text.charCodeAt(at);
  if (c === 61) {
    const prev = text.charCodeAt(at - 1);
    if (prev === 61 || prev === 33 || prev === 60 || prev === 62 || prev === 58) return -1;
    if (text.charCodeAt(p) === 62) p++;
  } else if (text.charCodeAt(p) === 61) p++;
  let n = 0;
  while (n < 8 && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) {
    p++;
    n++;
  }
  const q = text.charCodeAt(p);
  if (q === 34 || q === 39 || q === 96) {
    if (text.charCodeAt(p + 1 + SECRET_LEN) !== q) return -1;
    p++;
  }
  return p;
}

function onAssign(text: string, at: number, sink: FindingSink): void {
  const next = text.charCodeAt(at + 1);
  if (text.charCodeAt(at) === 58 && (next === 58 || next === 47)) return;
  const v = valueStart(text, at);
  if (v < 0 || !isSecretRun(text, v)) return;
  const conf = keyConfidence(text, at);
  if (conf === 0 || !looksRandom(text, v)) return;
  sink.add('aws_secret_key', v, v + SECRET_LEN, conf);
}

/** True when the candidate at `s` sits right after a separator whose key `onAssign` accepts. */
function keyedBefore(text: string, s: number): boolean {
  let j = s;
  for (
    let c = text.charCodeAt(j - 1);
    j > 0 && s - j < 10 && (c === 32 || c === 9 || c === 34 || c === 39 || c === 96);
    c = text.charCodeAt(j - 1)
  )
    j--;
  const c = text.charCodeAt(j - 1);
  if (c !== 61 && c !== 58) return false;
  let sep = j - 1;
  if (c === 61 && text.charCodeAt(sep - 1) === 58) sep--; // `:=`
  return valueStart(text, sep) === s && keyConfidence(text, sep) > 0;
}

function onKeyId(text: string, s: number, sink: FindingSink): void {
  if (s > 0 && isB64(text.charCodeAt(s - 1))) return;
  KEY_ID.lastIndex = s;
  if (!KEY_ID.test(text)) return;
  const limit = Math.min(text.length, s + 20 + AFTER_ID_CHARS);
  let lines = 0;
  let i = s + 20;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (!isB64(c)) {
      if (c === 10 && ++lines >= AFTER_ID_LINES) return;
      i++;
      continue;
    }
    let j = i;
    while (j < limit + SECRET_LEN && isB64(text.charCodeAt(j))) j++;
    // Exactly 40, not followed by `=` padding (a longer base64 blob such as a session token).
    if (j - i === SECRET_LEN && text.charCodeAt(j) !== 61 && !keyedBefore(text, i) && looksRandom(text, i)) {
      sink.add('aws_secret_key', i, j, 0.8);
    }
    i = j;
  }
}

/**
 * Anchor for the key name alone: the `_access_key` of
 * `aws_secret_access_key` / `AWS_SECRET_ACCESS_KEY` where no `=` or `:` follows, as in
 * `aws configure set aws_secret_access_key X` or "my AWS_SECRET_ACCESS_KEY is X". It starts with
 * `_`, which is rare in prose. `match` handles its hits (`onKeyName`).
 */
export const SECRET_KEY_NAME_ANCHOR = '_(?:access_key|ACCESS_KEY)\\b';

// After the key name: blanks, then optionally "is"/"was" (chat), then optionally a quote.
const AFTER_NAME = /[ \t]+(?:(?:is|was)[ \t]+)?(?=[A-Za-z0-9+/"'`])/y;

/**
 * `aws configure set aws_secret_access_key X`, "my AWS_SECRET_ACCESS_KEY is X": the key name
 * followed by the value without a `=`/`:` (those are `onAssign`'s). `at` is the `_` before
 * `access_key`; the name must read `…secret_access_key`.
 */
function onKeyName(text: string, at: number, end: number, sink: FindingSink): void {
  // `secret` right before the `_access_key`.
  const s = at - 6;
  if (s < 0 || !isSecretWordAt(text, s)) return;
  AFTER_NAME.lastIndex = end;
  if (!AFTER_NAME.test(text)) return;
  let v = AFTER_NAME.lastIndex;
  const q = text.charCodeAt(v);
  if (q === 34 || q === 39 || q === 96) {
    if (text.charCodeAt(v + 1 + SECRET_LEN) !== q) return;
    v++;
  }
  if (!isSecretRun(text, v) || !looksRandom(text, v)) return;
  sink.add('aws_secret_key', v, v + SECRET_LEN, 0.95);
}

function isSecretWordAt(text: string, i: number): boolean {
  const w = 'secret';
  for (let k = 0; k < w.length; k++) if ((text.charCodeAt(i + k) | 0x20) !== w.charCodeAt(k)) return false;
  return true;
}

/**
 * AWS secret access key: a 40-character base64 string, reported only with context, either a key
 * naming it (`aws_secret_access_key = ...`, `"SecretAccessKey": "..."`, `AWS_SECRET=...`, the
 * `aws configure` prompt; `secret_key`/`secret` only with an access key id or "AWS" nearby), or
 * following an access key id (`AKIA...`/`ASIA...`) within four lines (credentials CSV, STS JSON/XML).
 * The finding spans the 40 characters only. Never reported: strings without context, git SHAs and
 * other hex, values without upper case, lower case and digits, low-entropy values, and the
 * documented example `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`.
 */
export const awsSecretKey: Recognizer = {
  type: 'aws_secret_key',
  anchors: [ASSIGN, ACCESS_KEY_ID_ANCHOR, SECRET_KEY_NAME_ANCHOR],
  match(text, start, end, sink) {
    const c = text.charCodeAt(start);
    if (c === 61 || c === 58) onAssign(text, start, sink);
    else if (c === 95) onKeyName(text, start, end, sink);
    else onKeyId(text, start, sink);
  },
};
