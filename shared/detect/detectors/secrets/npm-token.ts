import type { Recognizer } from '../../recognizer.ts';
import { UNDERSCORE_TOKEN, followedByEllipsis, hasCrc32Checksum, looksFake, startsFree } from './token-checks.ts';

const TOKEN = /npm_[0-9A-Za-z]{36}(?![0-9A-Za-z_])/y;

/**
 * npm access tokens: `npm_` + 36 base-62 characters, the last 6 a CRC-32 checksum in GitHub's
 * format. A failing checksum lowers confidence to 0.6 instead of dropping the token (mistyped or
 * hand-made values still deserve a warning; a tenant can raise the threshold to 0.7).
 * Legacy npm tokens (bare UUIDs) carry no prefix and are not recognized here.
 */
export const npmToken: Recognizer = {
  type: 'npm_token',
  anchors: [UNDERSCORE_TOKEN],
  match(text, at, _end, sink) {
    const s = at - 3;
    if (s < 0 || !text.startsWith('npm', s) || !startsFree(text, s)) return;
    TOKEN.lastIndex = s;
    const m = TOKEN.exec(text);
    if (!m) return;
    const end = s + m[0].length;
    if (followedByEllipsis(text, end) || looksFake(m[0], m[0].slice(4))) return;
    sink.add('npm_token', s, end, hasCrc32Checksum(text, s + 4, end) ? 0.95 : 0.6);
  },
};
