import type { Recognizer } from '../../recognizer.ts';
import type { FindingSink } from '../../types.ts';
import { DASH_TOKEN, followedByEllipsis, looksFake, startsFree } from './token-checks.ts';

// Project, service-account, admin and project-less user keys: a typed prefix, then a random body
// that carries the `T3BlbkFJ` marker (base64 of "OpenAI").
const TYPED = /sk-(?:proj|svcacct|admin|None)-([0-9A-Za-z_-]{20,300})(?![0-9A-Za-z_-])/y;
// Legacy user keys: sk- + 20 + T3BlbkFJ + 20, alphanumeric only.
const LEGACY = /sk-[0-9A-Za-z]{20}T3BlbkFJ[0-9A-Za-z]{20}(?![0-9A-Za-z_-])/y;
const MARKER = 'T3BlbkFJ';
const TYPES = ['proj', 'svcacct', 'admin', 'None'];
// Random characters between the typed prefix and the marker in the formats seen so far.
const TYPED_OFFSETS = [74, 58];

/**
 * Where the key around the marker at `at` starts, if it has one of the known layouts (legacy
 * `sk-` + 20, or a typed prefix + 74 or 58): a few constant-time checks, no scanning.
 */
function startAtMarker(text: string, at: number): number {
  if (at >= 23 && text.startsWith('sk-', at - 23)) return at - 23;
  for (const type of TYPES) {
    for (const offset of TYPED_OFFSETS) {
      const s = at - offset - type.length - 4;
      if (s >= 0 && text.startsWith('sk-', s) && text.startsWith(type, s + 3) && text.charCodeAt(s + 3 + type.length) === 45) return s;
    }
  }
  return -1;
}

/**
 * OpenAI API keys: legacy `sk-` + 48 (only with the `T3BlbkFJ` marker, since many other vendors
 * also issue `sk-` keys), and `sk-proj-`/`sk-svcacct-`/`sk-admin-`/`sk-None-` keys (0.95 with the
 * marker, 0.7 without). Never Anthropic `sk-ant-` keys, Stripe `sk_live_` keys (underscore) or
 * other `sk-` keys without the marker.
 *
 * Two anchors: the shared dash anchor, which reports a key at its first dash (so the engine
 * skips its body), and the marker, which finds keys in the known layouts without depending on the
 * dash anchor. A key found from both is the same finding twice, which the engine collapses.
 */
export const openaiKey: Recognizer = {
  type: 'openai_key',
  anchors: ['T3BlbkFJ', DASH_TOKEN],
  match(text, at, _end, sink) {
    if (text.charCodeAt(at) !== 45) {
      const s = startAtMarker(text, at);
      if (s >= 0) matchAt(text, s, sink);
      return;
    }
    if (text.charCodeAt(at - 1) !== 107 || text.charCodeAt(at - 2) !== 115) return;
    matchAt(text, at - 2, sink);
  },
};

function matchAt(text: string, s: number, sink: FindingSink): void {
  if (!startsFree(text, s) || text.startsWith('ant-', s + 3)) return;
  TYPED.lastIndex = s;
  let m = TYPED.exec(text);
  let body: string;
  let confidence: number;
  if (m) {
    body = m[1] as string;
    const marker = body.indexOf(MARKER);
    if (marker < 0 && body.length < 40) return;
    confidence = marker >= 0 ? 0.95 : 0.7;
  } else {
    LEGACY.lastIndex = s;
    m = LEGACY.exec(text);
    if (!m) return;
    body = m[0].slice(3);
    confidence = 0.95;
  }
  const end = s + m[0].length;
  if (followedByEllipsis(text, end) || looksFake(m[0], body.replace(MARKER, ''))) return;
  sink.add('openai_key', s, end, confidence);
}
