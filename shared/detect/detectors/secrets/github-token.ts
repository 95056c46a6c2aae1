import type { Recognizer } from '../../recognizer.ts';
import { UNDERSCORE_TOKEN, followedByEllipsis, hasCrc32Checksum, looksFake, startsFree } from './token-checks.ts';

// Classic tokens: ghp_ personal, gho_ OAuth, ghu_ user-to-server, ghs_ server-to-server,
// ghr_ refresh. 36 characters today (30 random + 6 checksum); GitHub reserves the right to make
// them longer (refresh tokens already are: 76), so longer bodies are taken at lower confidence.
const CLASSIC = /gh[pousr]_[0-9A-Za-z]{36,251}(?![0-9A-Za-z_])/y;
// Fine-grained personal access tokens: github_pat_ + 22 + _ + 59.
const FINE = /github_pat_([0-9A-Za-z]{16,40})_([0-9A-Za-z]{40,90})(?![0-9A-Za-z_])/y;

/**
 * GitHub tokens: `ghp_`/`gho_`/`ghu_`/`ghs_`/`ghr_` + base-62 body, and fine-grained
 * `github_pat_` tokens. The 36-character classic body carries a CRC-32 checksum; tokens that fail
 * it are still reported but at 0.6 (hand-made, mistyped or not GitHub's), so a tenant can require
 * valid checksums by raising the `github_token` threshold to 0.7.
 *
 * Not reported: placeholders (`ghp_xxxx…`, bodies with `EXAMPLE`), documented examples, values
 * followed by `...`, tokens glued to a preceding letter or digit, bodies of the wrong length.
 */
export const githubToken: Recognizer = {
  type: 'github_token',
  anchors: [UNDERSCORE_TOKEN],
  match(text, at, _end, sink) {
    // `at` is the underscore: `gh?_` ends there for classic tokens, `github_pat_` for fine-grained.
    let s = at - 3;
    let re = CLASSIC;
    if (s < 0 || text.charCodeAt(s) !== 103 || text.charCodeAt(s + 1) !== 104) {
      s = at - 10;
      if (s < 0 || !text.startsWith('github_pat', s)) return;
      re = FINE;
    }
    if (!startsFree(text, s)) return;
    re.lastIndex = s;
    const m = re.exec(text);
    if (!m) return;
    const value = m[0];
    const end = s + value.length;
    if (followedByEllipsis(text, end)) return;
    if (re === FINE) {
      if (looksFake(value, `${m[1]}${m[2]}`)) return;
      const exact = (m[1] as string).length === 22 && (m[2] as string).length === 59;
      sink.add('github_token', s, end, exact ? 0.95 : 0.75);
      return;
    }
    const bodyLen = value.length - 4;
    if (looksFake(value, value.slice(4))) return;
    let confidence: number;
    if (bodyLen === 36) confidence = hasCrc32Checksum(text, s + 4, end) ? 0.99 : 0.6;
    else if (bodyLen === 76 && value.startsWith('ghr_')) confidence = 0.9;
    else confidence = 0.7;
    sink.add('github_token', s, end, confidence);
  },
};
