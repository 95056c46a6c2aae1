import type { Recognizer } from '../../recognizer.ts';
import { UNDERSCORE_TOKEN, followedByEllipsis, looksFake, startsFree } from './token-checks.ts';

const TOKEN = /hf_[A-Za-z]{34}(?![0-9A-Za-z_])/y;

/**
 * Hugging Face user access tokens: `hf_` + 34 letters of random case (0.9). A camelCase identifier
 * that happens to be 34 letters long (`hf_requiredCharacteristicTypesForDi`) has few upper-case
 * letters and almost no adjacent upper-case pairs, so such bodies score 0.45 (below the default
 * threshold). Deprecated `api_org_` tokens are not recognized.
 */
export const huggingfaceToken: Recognizer = {
  type: 'huggingface_token',
  anchors: [UNDERSCORE_TOKEN],
  match(text, at, _end, sink) {
    const s = at - 2;
    if (s < 0 || text.charCodeAt(s) !== 104 || text.charCodeAt(s + 1) !== 102 || !startsFree(text, s)) return;
    TOKEN.lastIndex = s;
    const m = TOKEN.exec(text);
    if (!m) return;
    const end = s + m[0].length;
    const body = m[0].slice(3);
    if (followedByEllipsis(text, end) || looksFake(m[0], body)) return;
    sink.add('huggingface_token', s, end, wordLike(body) ? 0.45 : 0.9);
  },
};

/**
 * camelCase-like: fewer than 8 upper-case letters and fewer than 2 adjacent upper-case pairs. 34
 * random letters have about 17 upper-case letters and 8 pairs; both being that low happens to
 * about 1 in 100,000 random bodies.
 */
function wordLike(s: string): boolean {
  let upper = 0;
  let pairs = 0;
  let prevUpper = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const isUpper = c >= 65 && c <= 90;
    if (isUpper) {
      upper++;
      if (prevUpper) pairs++;
    }
    prevUpper = isUpper;
  }
  return upper < 8 && pairs < 2;
}
