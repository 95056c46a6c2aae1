import type { Recognizer } from '../../recognizer.ts';
import { followedByEllipsis, looksFake, startsFree } from './token-checks.ts';

const KEY = /AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/y;

/**
 * Google API keys (Maps, Firebase, Gemini, ...): `AIza` + 35 base64url characters. Browser keys
 * are meant to be restricted rather than secret, but an unrestricted one is a billable credential
 * and the text cannot tell them apart, so all score 0.9. Masks and truncated values are ignored.
 */
export const googleApiKey: Recognizer = {
  type: 'google_api_key',
  anchors: ['AIza'],
  match(text, at, _end, sink) {
    if (!startsFree(text, at)) return;
    KEY.lastIndex = at;
    const m = KEY.exec(text);
    if (!m) return;
    const end = at + m[0].length;
    if (followedByEllipsis(text, end) || looksFake(m[0], m[0].slice(4))) return;
    sink.add('google_api_key', at, end, 0.9);
  },
};
