import type { Recognizer } from '../../recognizer.ts';
import { DASH_TOKEN, followedByEllipsis, looksFake, startsFree } from './token-checks.ts';

// Any Slack-prefixed value: up to 7 dash-separated alphanumeric segments. The segments cannot
// contain `-`, so the match is linear; the shape check below decides whether it is a token.
const CANDIDATE = /(?:xoxe\.)?(?:xox[abeoprs]|xapp)-[0-9A-Za-z]{1,200}(?:-[0-9A-Za-z]{1,200}){0,6}/y;

// Documented and observed shapes (api.slack.com "Token types", config tokens), with confidence.
const SHAPES: readonly (readonly [RegExp, number])[] = [
  [/^xoxb-\d{8,14}-\d{8,14}-[0-9A-Za-z]{20,40}$/, 0.95], // bot
  [/^xoxb-\d{8,14}-[0-9A-Za-z]{18,30}$/, 0.9], // legacy bot
  [/^xox[pe]-\d{8,14}-\d{8,14}-\d{8,14}-[0-9A-Za-z]{28,40}$/, 0.95], // user
  [/^xoxe\.xox[bp]-\d-[0-9A-Za-z]{140,200}$/, 0.95], // configuration access token
  [/^xoxe-\d-[0-9A-Za-z]{140,200}$/, 0.95], // configuration refresh token
  [/^xapp-\d-[0-9A-Z]{8,14}-\d{8,14}-[0-9a-z]{32,80}$/, 0.95], // app-level
  // legacy workspace access / refresh, with or without the leading version digit
  [/^xox[ar]-(?:\d-(?:\d{6,14}-){0,3}|(?:\d{6,14}-){1,3})[0-9A-Za-z]{8,48}$/, 0.8],
  [/^xox[os]-\d{6,14}-\d{6,14}-\d{6,14}-[0-9a-fA-F]{8,64}$/, 0.85], // legacy
];

// An id that is one digit repeated (`000000000`) or counts up from 1 (`123456789`).
const FILLER_ID = /^(?:(\d)\1+|1234567\d*)$/;

/** True when a numeric id segment of `value` before `last` is a filler. */
function fillerIds(value: string, last: number): boolean {
  let from = value.indexOf('-') + 1;
  while (from < last) {
    const to = value.indexOf('-', from);
    const seg = value.slice(from, to);
    if (seg.length >= 6 && FILLER_ID.test(seg)) return true;
    from = to + 1;
  }
  return false;
}

/**
 * Slack tokens: `xoxb-` bot, `xoxp-`/`xoxe-` user, `xoxe.xoxp-`/`xoxe.xoxb-` configuration,
 * `xoxa-`/`xoxr-`/`xoxo-`/`xoxs-` legacy and `xapp-` app-level tokens. A value reports only when it
 * has one of the documented shapes (numeric team/user ids, then a random part); other values with a
 * Slack prefix (`xoxb-my-bot-token`, `xoxp-1234-1234-1234-…`) are not tokens. Webhook URLs are
 * `slack_webhook`.
 */
export const slackToken: Recognizer = {
  type: 'slack_token',
  anchors: [DASH_TOKEN],
  match(text, at, _end, sink) {
    // `at` is the first dash: `xoxb`/`xapp` end there, possibly after `xoxe.`.
    let s = at - 4;
    if (s < 0 || text.charCodeAt(s) !== 120) return;
    const p = text.slice(s, at);
    if (!/^(?:xox[abeoprs]|xapp)$/.test(p)) return;
    if (s >= 5 && text.startsWith('xoxe.', s - 5)) s -= 5;
    if (!startsFree(text, s)) return;
    CANDIDATE.lastIndex = s;
    const m = CANDIDATE.exec(text);
    if (!m) return;
    const value = m[0];
    const end = s + value.length;
    // A trailing `-`, `_` or letter means the value goes on beyond what a token can be.
    const next = text.charCodeAt(end);
    if (next === 45 || next === 95 || followedByEllipsis(text, end)) return;
    const shape = SHAPES.find(([re]) => re.test(value));
    if (!shape) return;
    // Only the last segment is random; the numeric team/user/bot ids before it are counters
    // (`xoxa-2-511111111-…` is a real shape), so they are checked for mere fillers only.
    const last = value.lastIndexOf('-') + 1;
    if (looksFake(value, value.slice(last)) || fillerIds(value, last)) return;
    sink.add('slack_token', s, end, shape[1]);
  },
};
