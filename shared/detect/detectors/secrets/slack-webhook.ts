import type { Recognizer } from '../../recognizer.ts';
import { followedByEllipsis, isAlnum, looksFake } from './token-checks.ts';

// The path after `hooks.slack.com`: kind, then 2-4 alphanumeric segments (ids and the secret).
const PATH = /\/(services|workflows|triggers)((?:\/[0-9A-Za-z]{1,80}){2,4})(?![0-9A-Za-z])/y;
const SHAPES: Readonly<Record<string, RegExp>> = {
  // /services/T<team>/B<bot>/<24-character secret>
  services: /^\/T[0-9A-Z]{6,14}\/B[0-9A-Z]{6,14}\/[0-9A-Za-z]{20,40}$/,
  // /workflows/T<team>/A<app>/<numeric id>/<secret>
  workflows: /^\/T[0-9A-Z]{6,14}\/A[0-9A-Z]{6,14}\/\d{10,24}\/[0-9A-Za-z]{20,40}$/,
  // /triggers/T<team>/<numeric id>/<secret>
  triggers: /^\/T[0-9A-Z]{6,14}\/\d{10,24}\/[0-9A-Za-z]{20,64}$/,
};

/**
 * Slack incoming-webhook and workflow URLs (`https://hooks.slack.com/services/T…/B…/…`,
 * `/workflows/…`, `/triggers/…`). The span is the whole URL from `https://` (or from `hooks.` when
 * the scheme is missing) through the secret. Documentation placeholders (`T00000000/B00000000/
 * XXXXXXXXXXXXXXXXXXXXXXXX`) and URLs whose ids do not have Slack's shape are not reported.
 */
export const slackWebhook: Recognizer = {
  type: 'slack_webhook',
  anchors: ['\\.slack\\.com/'],
  match(text, at, _end, sink) {
    // `at` is the dot after `hooks`.
    const host = at - 5;
    if (host < 0 || !text.startsWith('hooks', host)) return;
    let s = host;
    if (text.startsWith('https://', host - 8)) s = host - 8;
    else if (text.startsWith('http://', host - 7)) s = host - 7;
    else {
      // Not `xhooks.slack.com` nor `evil.hooks.slack.com.attacker.example`-style hosts.
      const prev = text.charCodeAt(host - 1);
      if (isAlnum(prev) || prev === 46 || prev === 45) return;
    }
    PATH.lastIndex = at + 10;
    const m = PATH.exec(text);
    if (!m) return;
    const kind = m[1] as string;
    const segments = m[2] as string;
    if (!(SHAPES[kind] as RegExp).test(segments)) return;
    const end = PATH.lastIndex;
    const secret = segments.slice(segments.lastIndexOf('/') + 1);
    if (followedByEllipsis(text, end) || looksFake(text.slice(s, end), secret) || /\/[TBA]0{6,}\//.test(segments)) return;
    sink.add('slack_webhook', s, end, 0.95);
  },
};
