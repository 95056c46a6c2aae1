import type { Recognizer } from '../../recognizer.ts';

const BEGIN = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/y;
// RFC 1421 / RFC 4880 armor headers (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`, `Version: …`),
// one line each; the line ends at a real newline or an escaped `\n` (keys inside JSON strings).
const HEADER_LINE = /[A-Za-z][A-Za-z0-9-]*: [^\r\n\\]*/y;
const END = /-----END ([A-Z ]{1,40})-----/y;
// Keys larger than this (PGP keyrings with many subkeys) are reported up to here, as truncated.
const MAX_BODY = 65_536;
const MIN_COMPLETE = 40;
const MIN_TRUNCATED = 64;

/**
 * PEM and OpenSSH private key blocks, and PGP private key blocks: from `-----BEGIN … PRIVATE
 * KEY-----` through the matching `-----END … PRIVATE KEY-----` (0.99). The body may be split by real
 * newlines or by escaped `\n` (keys inside JSON or `.env` strings, such as cloud service-account
 * files). A block cut off without its END line is reported from BEGIN to the end of its base64 body
 * at 0.7 when at least 64 base64 characters remain. Public keys, certificates and CSRs never match
 * the BEGIN line; placeholder bodies (`...`, `<key>`, a handful of characters) are ignored.
 */
export const privateKey: Recognizer = {
  type: 'private_key',
  anchors: ['-----BEGIN '],
  match(text, at, _end, sink) {
    BEGIN.lastIndex = at;
    const m = BEGIN.exec(text);
    if (!m) return;
    const label = m[1] as string;
    const body = scanBody(text, BEGIN.lastIndex);
    END.lastIndex = body.stop;
    const e = END.exec(text);
    if (e && e[1] === label) {
      if (body.base64 >= MIN_COMPLETE && body.distinct >= 16) sink.add('private_key', at, END.lastIndex, 0.99);
      return;
    }
    if (body.base64 >= MIN_TRUNCATED && body.distinct >= 16) sink.add('private_key', at, body.lastBase64, 0.7);
  },
};

interface Body {
  /** Where the body ends: the first character after it that is not a separator (END goes here). */
  stop: number;
  /** End of the last base64 run taken into the body. */
  lastBase64: number;
  base64: number;
  /** Distinct base64 characters seen (a real key uses nearly all 64). */
  distinct: number;
}

// Base64 lines are 64 (PEM) or 70 (OpenSSH) characters; only the last line of a body is shorter.
const MIN_RUN = 16;

/**
 * Walks the body once, run by run: base64 runs separated by whitespace or escaped `\n`/`\r` (also
 * double-escaped), plus armor header lines before the first run. A run shorter than a base64 line
 * is taken only when it can be the last line (see `endsBody`), so prose after a cut-off key (`and then ...`) is not
 * swallowed. Anything else (the `-` of END or of the next BEGIN, an ellipsis) ends the body, so
 * consecutive blocks are each walked once and the scan stays linear.
 */
function scanBody(text: string, from: number): Body {
  const limit = Math.min(text.length, from + MAX_BODY);
  const seen = new Uint8Array(128);
  let distinct = 0;
  let base64 = 0;
  let lastBase64 = from;
  let i = from;
  for (;;) {
    const [next, lineStart] = skipSeparators(text, i, limit);
    i = next;
    if (i >= limit || !isBase64(text.charCodeAt(i))) break;
    if (lineStart && base64 === 0) {
      HEADER_LINE.lastIndex = i;
      if (HEADER_LINE.test(text)) {
        i = HEADER_LINE.lastIndex;
        continue;
      }
    }
    let j = i;
    while (j < limit && isBase64(text.charCodeAt(j))) j++;
    if (j - i < MIN_RUN && !endsBody(text, j, limit)) break;
    for (let k = i; k < j; k++) {
      const c = text.charCodeAt(k);
      if (seen[c] === 0) {
        seen[c] = 1;
        distinct++;
      }
    }
    base64 += j - i;
    lastBase64 = j;
    i = j;
  }
  return { stop: skipSeparators(text, lastBase64, limit)[0], lastBase64, base64, distinct };
}

/** True when a short run at `[…, j)` can be a body's last line: padded, or followed by END or a PGP `=` checksum. */
function endsBody(text: string, j: number, limit: number): boolean {
  if (text.charCodeAt(j - 1) === 61) return true;
  const n = text.charCodeAt(skipSeparators(text, j, limit)[0]);
  return n === 45 || n === 61;
}

/** Skips spaces, tabs, newlines and escaped newlines; returns the next position and whether a newline was crossed. */
function skipSeparators(text: string, from: number, limit: number): [number, boolean] {
  let i = from;
  let newline = false;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) i++;
    else if (c === 10 || c === 13) {
      i++;
      newline = true;
    } else if (c === 92) {
      let j = i + 1;
      if (text.charCodeAt(j) === 92) j++;
      const n = text.charCodeAt(j);
      if (n !== 110 && n !== 114) break;
      i = j + 1;
      newline = true;
    } else break;
  }
  return [i, newline];
}

function isBase64(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 47 && c <= 57) || c === 43 || c === 61;
}
