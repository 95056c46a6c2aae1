import type { Recognizer } from '../../recognizer.ts';
import { followedByEllipsis, isTokenChar } from './token-checks.ts';

const MAX_HEADER = 4096;
const PAYLOAD = /[0-9A-Za-z_-]{4,16384}\./y;
const SIGNATURE = /[0-9A-Za-z_-]{16,2048}/y;

// Signatures of well-known documentation tokens (jwt.io's HS256 "John Doe" example).
const EXAMPLE_SIGNATURES: ReadonlySet<string> = new Set(['SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c']);

/**
 * JSON Web Tokens (JWS compact form): `header.payload.signature`, each part base64url. The header
 * must decode to a JSON object with a string `alg`; a payload that also decodes to a JSON object
 * scores 0.95, otherwise 0.75. Not reported: unsigned tokens (empty or short signature: anyone can
 * forge them), tokens with more than three parts (JWE and other dotted strings), values followed by
 * `...`, and the jwt.io example.
 *
 * Anchored on `.eyJ`, the start of the payload (`{"` in base64url): `eyJ` alone starts with the
 * most common letter in English and made the prefilter stop all over prose (measured ~3x slower).
 */
export const jwt: Recognizer = {
  type: 'jwt',
  anchors: ['\\.eyJ'],
  match(text, dot, _end, sink) {
    // The header is the base64url run left of the dot; it must itself start with `eyJ`.
    let s = dot;
    const limit = Math.max(0, dot - MAX_HEADER);
    while (s > limit && isTokenChar(text.charCodeAt(s - 1))) s--;
    if (s > 0 && isTokenChar(text.charCodeAt(s - 1))) return;
    if (dot - s < 16 || !text.startsWith('eyJ', s)) return;
    // A dot right before the header means this is the middle of a longer dotted string.
    if (text.charCodeAt(s - 1) === 46 && isTokenChar(text.charCodeAt(s - 2))) return;
    PAYLOAD.lastIndex = dot + 1;
    if (!PAYLOAD.exec(text)) return;
    const sigStart = PAYLOAD.lastIndex;
    SIGNATURE.lastIndex = sigStart;
    if (!SIGNATURE.exec(text)) return;
    const end = SIGNATURE.lastIndex;
    if (isTokenChar(text.charCodeAt(end))) return;
    if (text.charCodeAt(end) === 46 && isTokenChar(text.charCodeAt(end + 1))) return;
    if (followedByEllipsis(text, end)) return;
    if (EXAMPLE_SIGNATURES.has(text.slice(sigStart, end))) return;
    const header = decodeJsonObject(text, s, dot);
    if (!header || typeof header.alg !== 'string') return;
    const payload = decodeJsonObject(text, dot + 1, sigStart - 1);
    sink.add('jwt', s, end, payload ? 0.95 : 0.75);
  },
};

/** Value of a base64url digit, or -1. */
function b64url(c: number): number {
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 71;
  if (c >= 48 && c <= 57) return c + 4;
  if (c === 45) return 62;
  if (c === 95) return 63;
  return -1;
}

/**
 * Decodes base64url `text[start, end)` (no padding) to a string of byte values (Latin-1), or null
 * when it is not valid base64url. Written by hand: `shared/` targets the ES2022 library, which has
 * neither `atob` nor `Buffer` nor `TextDecoder`. Latin-1 is enough to check JSON structure, since
 * UTF-8 multi-byte sequences only contain bytes >= 0x80, which JSON allows inside strings.
 */
export function decodeBase64Url(text: string, start: number, end: number): string | null {
  if ((end - start) % 4 === 1) return null;
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (let i = start; i < end; i++) {
    const v = b64url(text.charCodeAt(i));
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
  }
  let out = '';
  // Chunks keep String.fromCharCode below engines' argument-count limits.
  for (let i = 0; i < bytes.length; i += 4096) out += String.fromCharCode(...bytes.slice(i, i + 4096));
  return out;
}

function decodeJsonObject(text: string, start: number, end: number): Record<string, unknown> | null {
  const s = decodeBase64Url(text, start, end);
  if (s === null) return null;
  const t = s.trim();
  // Cheap structural check first: JSON.parse throwing is the slow path.
  if (t[0] !== '{' || t[t.length - 1] !== '}') return null;
  try {
    const v: unknown = JSON.parse(t);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
