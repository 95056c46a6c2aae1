import { ASSIGN } from '../../anchors.ts';
import { entropy } from '../../context.ts';
import { DOCUMENTED_EXAMPLES } from '../../denylist.ts';
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

/**
 * How random the candidate looks: AWS secrets are 30 random bytes in base64, so they mix upper
 * case, lower case and digits (a random 40-character string lacks digits with probability ~0.1%)
 * and have about 4.5-5 bits of entropy per character. Git SHAs (hex, one case) and words fail.
 */
function looksRandom(text: string, s: number): boolean {
  const v = text.slice(s, s + SECRET_LEN);
  if (DOCUMENTED_EXAMPLES.has(v) || /EXAMPLE/i.test(v)) return false;
  if (!/[a-z]/.test(v) || !/[A-Z]/.test(v) || !/\d/.test(v)) return false;
  if (/^[0-9a-fA-F]+$/.test(v)) return false;
  return entropy(text, s, s + SECRET_LEN) >= 4;
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
  while (j > 0 && sep - j < 10 && /["'`\]?]/.test(text[j - 1] as string)) j--;
  const keyEnd = j;
  while (j > 0 && keyEnd - j < 40 && /[\w.-]/.test(text[j - 1] as string)) j--;
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
  anchors: [ASSIGN, ACCESS_KEY_ID_ANCHOR],
  match(text, start, _end, sink) {
    const c = text.charCodeAt(start);
    if (c === 61 || c === 58) onAssign(text, start, sink);
    else onKeyId(text, start, sink);
  },
};
