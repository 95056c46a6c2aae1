import type { Recognizer } from '../../recognizer.ts';
import { followedByEllipsis, looksFake, startsFree } from './token-checks.ts';

// SG. + 22-character key id + . + 43-character secret, both base64url.
const KEY = /SG\.([0-9A-Za-z_-]{22})\.([0-9A-Za-z_-]{43})(?![0-9A-Za-z_-])/y;

/** SendGrid API keys: `SG.` + 22 + `.` + 43 base64url characters. Masks and truncations are ignored. */
export const sendgridKey: Recognizer = {
  type: 'sendgrid_key',
  anchors: ['SG\\.'],
  match(text, at, _end, sink) {
    if (!startsFree(text, at)) return;
    KEY.lastIndex = at;
    const m = KEY.exec(text);
    if (!m) return;
    const end = at + m[0].length;
    if (followedByEllipsis(text, end) || looksFake(m[0], m[1] as string) || looksFake(m[0], m[2] as string)) return;
    sink.add('sendgrid_key', at, end, 0.95);
  },
};
