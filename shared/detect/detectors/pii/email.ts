import { AT } from '../../anchors.ts';
import type { Recognizer } from '../../recognizer.ts';

// Local part (dot-atom) left of the @, domain with a letter TLD right of it.
const LOCAL_CHAR = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]/;
const DOMAIN = /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])/y;
const MAX_LOCAL = 64;

/**
 * E-mail address. Not reported: `git@github.com:org/repo` SSH remotes, `user:password@host` URI
 * credentials (those are connection strings), and addresses at documentation domains
 * (`example.com`, `example.org`, ...) only lose confidence, since people do paste them.
 */
export const email: Recognizer = {
  type: 'email',
  anchors: [AT],
  match(text, at, _end, sink) {
    let s = at;
    while (s > 0 && at - s < MAX_LOCAL && LOCAL_CHAR.test(text[s - 1] as string)) s--;
    // The local part may not start or end with a dot.
    while (s < at && text[s] === '.') s++;
    if (s === at || text[at - 1] === '.') return;
    DOMAIN.lastIndex = at + 1;
    const m = DOMAIN.exec(text);
    if (!m) return;
    let end = at + 1 + m[0].length;
    // Trailing dot is sentence punctuation, not part of the address.
    if (text[end - 1] === '.') end--;
    const prev = s > 0 ? (text[s - 1] as string) : '';
    // `scheme://user:pass@host` and `git@host:path`.
    if ((prev === ':' && text.slice(Math.max(0, s - 7), s).toLowerCase() !== 'mailto:') || prev === '/') return;
    if (text.slice(s, at) === 'git' && text[end] === ':') return;
    const domain = m[0].toLowerCase();
    const doc = /(?:^|\.)example\.(?:com|org|net)$|\.(?:test|invalid|localhost)$/.test(domain);
    sink.add('email', s, end, doc ? 0.6 : 0.95);
  },
};
