import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { z } from 'zod';
import { describeDetector, type TenantPass, TenantDetectorError } from './pass.ts';
import { ExactDataDetector } from './schema.ts';

/**
 * Exact data match (EDM): the tenant's own sensitive values (customer names, project code names,
 * account numbers) are found in text while the device holds only salted hashes of them.
 *
 * Values and text are cut into tokens the same way: maximal runs of Unicode letters, digits and
 * combining marks; everything else separates tokens. Tokens are normalized, then joined:
 * - `exact`: tokens as written (NFC), joined by one space: `Blue-Falcon` = `Blue Falcon` ≠ `blue falcon`;
 * - `casefold`: NFKC and lower case, joined by one space: `BLUE  falcon` = `Blue Falcon`;
 * - `alnum`: NFKC and lower case, joined with nothing: `4111 1111-1111 1111` = `4111111111111111`.
 *
 * hash = hex(SHA-256(bytes(salt hex) || 0x00 || UTF-8(normalized value))). The device hashes every run
 * of 1 to `maxTokens` consecutive tokens of the text the same way and reports the runs whose hash is
 * listed. Hashing every run costs about 5 µs, so a salted 32-bit fingerprint (a polynomial hash of the
 * normalized value's UTF-16 units) filters first and SHA-256 only confirms.
 *
 * What the hashes protect: a reader of the policy learns no value by looking. They do not stop a
 * dictionary attack on values from a small space (names, 9-digit numbers): the salt is on the device
 * too. The salt does stop precomputed tables across tenants.
 */

/** An exact-data detector after schema parsing (defaults filled in). */
export type ExactDataDetectorConfig = z.output<typeof ExactDataDetector>;
export type EdmNormalize = ExactDataDetectorConfig['normalize'];

const TOKEN_RE = /[\p{L}\p{N}\p{M}]/u;
/** Per BMP code unit: 0 unknown, 1 token character, 2 separator. Filled lazily, shared. */
const tokenClass = new Uint8Array(65536);
for (let c = 0; c < 128; c++) tokenClass[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 2;

function isTokenUnit(c: number): boolean {
  let k = tokenClass[c] as number;
  if (k === 0) {
    k = c >= 0xd800 && c <= 0xdfff ? 2 : TOKEN_RE.test(String.fromCharCode(c)) ? 1 : 2;
    tokenClass[c] = k;
  }
  return k === 1;
}

/** Width (1 or 2 code units) of the token character at `i`, or 0 when it is a separator. */
function tokenCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return isTokenUnit(c) ? 1 : 0;
  if (c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
    return TOKEN_RE.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  return 0;
}

/** The first token character at or after `i` (`text.length` when none). */
function skipSeparators(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128 ? tokenClass[c] === 1 : tokenCharAt(text, i) > 0) return i;
    i++;
  }
  return n;
}

/** The end of the token that starts at `i`. */
function tokenEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (tokenClass[c] !== 1) return i;
      i++;
    } else {
      const w = tokenCharAt(text, i);
      if (!w) return i;
      i += w;
    }
  }
  return n;
}

/**
 * Calls `visit(start, end)` for every token of `text`, left to right. Non-BMP letters and digits
 * (`𝒳`, `𝟙`) are token characters; unpaired surrogates are separators.
 */
export function forEachToken(text: string, visit: (start: number, end: number) => void): void {
  for (let i = skipSeparators(text, 0); i < text.length;) {
    const e = tokenEnd(text, i);
    visit(i, e);
    i = skipSeparators(text, e);
  }
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** One token normalized for `mode` (see the module comment). */
export function normalizeToken(token: string, mode: EdmNormalize): string {
  if (isAscii(token)) return mode === 'exact' ? token : token.toLowerCase();
  return mode === 'exact' ? token.normalize('NFC') : token.normalize('NFKC').toLowerCase();
}

/** The normalized form of a whole value: its normalized tokens joined (by a space unless `alnum`). */
export function normalizeValue(value: string, mode: EdmNormalize): { text: string; tokens: number } {
  const parts: string[] = [];
  forEachToken(value, (s, e) => parts.push(normalizeToken(value.slice(s, e), mode)));
  return { text: parts.join(mode === 'alnum' ? '' : ' '), tokens: parts.length };
}

function saltPrefix(salt: string): Uint8Array {
  return concatBytes(hexToBytes(salt), new Uint8Array([0]));
}

/**
 * The hash a tenant lists for `value`: hex(SHA-256(salt bytes || 0x00 || UTF-8(normalized value))).
 * Throws when the value has no letters or digits.
 *
 * @example
 * hashValue('00112233445566778899aabbccddeeff', 'casefold', 'Project Blue Falcon'); // 64 hex chars
 */
export function hashValue(salt: string, normalize: EdmNormalize, value: string): string {
  const { text, tokens } = normalizeValue(value, normalize);
  if (!tokens) throw new TenantDetectorError('exact data value has no letters or digits');
  return bytesToHex(sha256(concatBytes(saltPrefix(salt), utf8ToBytes(text))));
}

/** Odd multiplier of the fingerprint's polynomial hash (mod 2^32). */
const BASE = 0x9e3779b1;

/** The fingerprint's start value: FNV-1a of the salt's hex, so every detector hashes differently. */
function fingerprintSeed(salt: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < salt.length; i++) h = Math.imul(h ^ salt.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** Final avalanche (MurmurHash3 fmix32), so the high bits used by the bitmap are well mixed. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The prefilter fingerprint of an already normalized value, listed in the policy as `fingerprints`:
 * a polynomial hash of its UTF-16 code units (h = h·B + unit, mod 2^32) started from a salt-derived
 * seed, then mixed. Polynomial so the device hashes each token once and combines token hashes into
 * the hashes of runs: h(a·b) = h(a)·B^|b| + h(b).
 */
export function fingerprint(salt: string, normalized: string): number {
  let h = fingerprintSeed(salt);
  for (let i = 0; i < normalized.length; i++) h = (Math.imul(h, BASE) + normalized.charCodeAt(i)) | 0;
  return fmix(h);
}

/** Input of {@link buildExactDataDetector}: the plain values, on the admin's machine only. */
export interface ExactDataSource {
  readonly id: string;
  readonly name: string;
  readonly values: readonly string[];
  readonly normalize?: EdmNormalize;
  /** The longest value in tokens; by default the longest of `values`. */
  readonly maxTokens?: number;
  /** Hex salt (16 to 64 bytes); a fresh random 16-byte salt by default. */
  readonly salt?: string;
  readonly confidence?: number;
}

/**
 * Turns plain values into an EDM detector for a policy: salted hashes and fingerprints, sorted and
 * de-duplicated (so their order tells nothing about the list). Meant for an admin tool; the values
 * never appear in the result. Throws {@link TenantDetectorError} naming the detector and the value's
 * position (never the value) for a value without letters or digits, a one-character value (never
 * matched), or a value longer than `maxTokens` tokens (at most 8).
 */
export function buildExactDataDetector(src: ExactDataSource): ExactDataDetectorConfig {
  const normalize = src.normalize ?? 'casefold';
  const salt = src.salt ?? bytesToHex(randomBytes(16));
  const what = describeDetector(src);
  if (!/^[0-9a-f]{32,128}$/.test(salt) || salt.length % 2)
    throw new TenantDetectorError(`${what}: salt must be 16 to 64 bytes of lower-case hex`);
  const prefix = saltPrefix(salt);
  const hashes = new Set<string>();
  const fingerprints = new Set<number>();
  let longest = 0;
  src.values.forEach((value, i) => {
    const { text, tokens } = normalizeValue(value, normalize);
    if (!tokens) throw new TenantDetectorError(`${what}: value #${i + 1} has no letters or digits`);
    if (text.length < 2) throw new TenantDetectorError(`${what}: value #${i + 1} is a single character`);
    if (src.maxTokens !== undefined && tokens > src.maxTokens) {
      throw new TenantDetectorError(`${what}: value #${i + 1} has ${tokens} tokens, more than maxTokens ${src.maxTokens}`);
    }
    longest = Math.max(longest, tokens);
    hashes.add(bytesToHex(sha256(concatBytes(prefix, utf8ToBytes(text)))));
    fingerprints.add(fingerprint(salt, text));
  });
  const maxTokens = src.maxTokens ?? longest;
  if (maxTokens > 8) throw new TenantDetectorError(`${what}: values have up to ${maxTokens} tokens; at most 8 are supported`);
  const parsed = ExactDataDetector.safeParse({
    kind: 'edm',
    id: src.id,
    name: src.name,
    confidence: src.confidence,
    salt,
    normalize,
    maxTokens,
    hashes: [...hashes].sort(),
    fingerprints: [...fingerprints].sort((a, b) => a - b),
  });
  if (!parsed.success)
    throw new TenantDetectorError(`${what}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * Compiles an EDM detector into one pass over the text. Work per text is linear: each token starts
 * at most `maxTokens` runs, each run costs one fingerprint step per character, and SHA-256 runs only
 * where a fingerprint is listed (or on every run when the policy has no fingerprints). A single
 * one-character token is never a value on its own (`a`, `I`, `5`); it can be part of a longer run.
 *
 * @example
 * const pass = compileExactData(buildExactDataDetector({ id: 'codenames', name: 'Code names', values: ['Blue Falcon'] }));
 * pass('the blue falcon launch', sink); // sink.add('tenant:codenames', 4, 15, 0.9)
 */
export function compileExactData(d: ExactDataDetectorConfig): TenantPass {
  // The schema admits any 32-128 hex digits; bytes need an even count.
  if (d.salt.length % 2) throw new TenantDetectorError(`${describeDetector(d)}: salt must have an even number of hex digits`);
  const type = `tenant:${d.id}` as const;
  const { confidence, normalize, maxTokens } = d;
  const hashes = new Set(d.hashes);
  const base = sha256.create().update(saltPrefix(d.salt));
  const seed = fingerprintSeed(d.salt);
  const joiner = normalize === 'alnum' ? -1 : 32;
  const fold = normalize !== 'exact';

  // Prefilter: a bitmap over the fingerprints' high bits (about 1 in 16 set), then the exact set.
  const prints = d.fingerprints.length ? new Set(d.fingerprints) : null;
  let shift = 32;
  let bitmap: Uint32Array | null = null;
  if (prints) {
    const bits = Math.max(12, Math.min(24, Math.ceil(Math.log2(prints.size * 16))));
    shift = 32 - bits;
    bitmap = new Uint32Array(1 << (bits - 5));
    for (const f of prints) bitmap[f >>> (shift + 5)] = (bitmap[f >>> (shift + 5)] as number) | (1 << ((f >>> shift) & 31));
  }

  return (text, sink) => {
    // Ring buffers over the last `maxTokens` tokens: bounds, normalized text (made on demand) and
    // the running fingerprint of the run that starts at each of them.
    const starts = new Int32Array(maxTokens);
    const ends = new Int32Array(maxTokens);
    const norms: (string | null)[] = new Array<string | null>(maxTokens).fill(null);
    const state = new Int32Array(maxTokens);
    let count = 0;

    const normAt = (slot: number): string => {
      let s = norms[slot];
      if (s == null) {
        s = normalizeToken(text.slice(starts[slot] as number, ends[slot] as number), normalize);
        norms[slot] = s;
      }
      return s;
    };

    for (let start = skipSeparators(text, 0); start < text.length;) {
      const end = tokenEnd(text, start);
      const slot = count % maxTokens;
      starts[slot] = start;
      ends[slot] = end;
      norms[slot] = null;
      const runs = Math.min(count + 1, maxTokens);
      // This token's hash and B^length, folding ASCII in place; other tokens are normalized first.
      let th = 0;
      let pw = 1;
      let i = start;
      for (; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c > 127) break;
        th = (Math.imul(th, BASE) + (fold && c >= 65 && c <= 90 ? c + 32 : c)) | 0;
        pw = Math.imul(pw, BASE);
      }
      if (i < end) {
        const units = normAt(slot);
        th = 0;
        pw = 1;
        for (let j = 0; j < units.length; j++) {
          th = (Math.imul(th, BASE) + units.charCodeAt(j)) | 0;
          pw = Math.imul(pw, BASE);
        }
      }
      // Extend the runs started at earlier tokens by the joiner and this token; start a new one.
      for (let r = 1; r < runs; r++) {
        const k = (count - r) % maxTokens;
        let h = state[k] as number;
        if (joiner >= 0) h = (Math.imul(h, BASE) + joiner) | 0;
        state[k] = (Math.imul(h, pw) + th) | 0;
      }
      state[slot] = (Math.imul(seed, pw) + th) | 0;

      for (let r = 0; r < runs; r++) {
        if (r === 0 && end - start < 2) continue;
        const k = (count - r) % maxTokens;
        if (bitmap && prints) {
          const f = fmix(state[k] as number);
          if (!((bitmap[f >>> (shift + 5)] as number) & (1 << ((f >>> shift) & 31))) || !prints.has(f)) continue;
        }
        let run = normAt(k);
        for (let q = r - 1; q >= 0; q--) {
          const part = normAt((count - q) % maxTokens);
          run = joiner >= 0 ? `${run} ${part}` : run + part;
        }
        if (hashes.has(bytesToHex(base.clone().update(utf8ToBytes(run)).digest()))) sink.add(type, starts[k] as number, end, confidence);
      }
      count++;
      start = skipSeparators(text, end);
    }
  };
}
