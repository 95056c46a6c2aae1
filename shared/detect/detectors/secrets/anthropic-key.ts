import type { Recognizer } from '../../recognizer.ts';
import { DASH_TOKEN, followedByEllipsis, looksFake, startsFree } from './token-checks.ts';

// sk-ant-<kind><2-digit version>-<body>. Known kinds: api03 (API key), admin01 (Admin API key),
// oat01 / ort01 (OAuth access / refresh tokens). The body is 95 base64url characters; API and
// admin keys end in `AA`.
const KEY = /sk-ant-([a-z]{2,10}\d{2})-([0-9A-Za-z_-]{80,120})(?![0-9A-Za-z_-])/y;

/**
 * Anthropic keys: `sk-ant-api03-…` API keys and `sk-ant-admin01-…` Admin API keys (0.95 in their
 * exact shape), `sk-ant-oat01-`/`sk-ant-ort01-` OAuth tokens (0.9), other `sk-ant-` kinds or
 * lengths (0.75). Not reported: masks, values followed by `...`, bodies shorter than 80.
 */
export const anthropicKey: Recognizer = {
  type: 'anthropic_key',
  anchors: [DASH_TOKEN],
  match(text, at, _end, sink) {
    // `at` is the dash after `sk`.
    const s = at - 2;
    if (s < 0 || !text.startsWith('sk-ant-', s) || !startsFree(text, s)) return;
    KEY.lastIndex = s;
    const m = KEY.exec(text);
    if (!m) return;
    const kind = m[1] as string;
    const body = m[2] as string;
    const end = s + m[0].length;
    if (followedByEllipsis(text, end) || looksFake(m[0], body)) return;
    let confidence = 0.75;
    if (body.length === 95) {
      if ((kind === 'api03' || kind === 'admin01') && body.endsWith('AA')) confidence = 0.95;
      else if (kind === 'oat01' || kind === 'ort01') confidence = 0.9;
    }
    sink.add('anthropic_key', s, end, confidence);
  },
};
