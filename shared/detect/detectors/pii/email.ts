import { AT } from '../../anchors.ts';
import type { Recognizer } from '../../recognizer.ts';

// Domain with a letter TLD right of the @.
const DOMAIN = /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])/y;
const MAX_LOCAL = 64;

/*
 * Local-part characters: letters, digits and `. _ % + - '` (`o'brien@`). RFC 5322 also allows
 * `! # $ & * / = ? ^ ` { | } ~`, but in real text those are delimiters far more often than parts
 * of an address: `user=jane@…`, `?to=jane@…&`, `/static/logo@2x.png`, `#jane@…`. Treating them as
 * delimiters puts the start of the span where a reader sees the address start.
 */
function isLocalChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 46 || // .
    c === 95 || // _
    c === 37 || // %
    c === 43 || // +
    c === 45 || // -
    c === 39 // '
  );
}

/*
 * File extensions that are not top-level domains: `logo@2x.png`, `icon@3x.webp`, `app@1.2.min.js`
 * are asset names (retina suffixes, versions), never mailboxes. Extensions that are also TLDs
 * (`.md`, `.py`, `.sh`, `.rs`, `.zip`, `.mov`) are left alone.
 */
const FILE_EXTENSION =
  /\.(?:png|jpe?g|gif|svg|webp|avif|ico|bmp|tiff?|heic|pdf|css|s[ac]ss|less|m?js|cjs|jsx|tsx|json|ya?ml|toml|xml|html?|txt|lock|map|woff2?|ttf|otf|eot|mp[34]|webm|wav|gz|tgz|exe|dll|dylib)$/;

const LABEL_BEFORE_COLON = /(?:^|[^\w.:/-])(?:mailto|e-?mail|mail|to|from|cc|bcc|reply-to|sender|contact|author|owner)$/i;

/**
 * E-mail address; the span is the address only (`user=jane@acme.io` reports `jane@acme.io`).
 *
 * Not reported: `git@github.com:org/repo` SSH remotes and the `git@host` SSH user in general,
 * `scheme://user:pass@host` and `https://token@github.com` URL credentials (connection strings and
 * tokens, not mailboxes), asset names such as `logo@2x.png`, npm `@scope/pkg@1.2.3` specifiers.
 * Addresses at documentation domains (`example.com`, `.test`, ...) only lose confidence, since
 * people do paste them.
 */
export const email: Recognizer = {
  type: 'email',
  anchors: [AT],
  match(text, at, _end, sink) {
    let s = at;
    while (s > 0 && at - s < MAX_LOCAL && isLocalChar(text.charCodeAt(s - 1))) s--;
    // The local part may not start or end with a dot; a leading quote is a string delimiter.
    while (s < at && (text.charCodeAt(s) === 46 || text.charCodeAt(s) === 39)) s++;
    if (s === at || text.charCodeAt(at - 1) === 46) return;
    DOMAIN.lastIndex = at + 1;
    const m = DOMAIN.exec(text);
    if (!m) return;
    let end = at + 1 + m[0].length;
    // Trailing dot is sentence punctuation, not part of the address.
    if (text.charCodeAt(end - 1) === 46) end--;
    const prev = s > 0 ? text.charCodeAt(s - 1) : 0;
    // `https://token@host/...`, `scheme://user:pass@host`, `user:pass@host` (47 `/`, 58 `:`); a
    // header-style label glued to the address (`mailto:`, `To:`, `email:`) is not a credential.
    if (prev === 47 || (prev === 58 && !LABEL_BEFORE_COLON.test(text.slice(Math.max(0, s - 12), s - 1)))) return;
    // `git` is the SSH user of every git host (`git@github.com:org/repo.git`, `ssh -T git@gitlab.com`).
    if (at - s === 3 && text.startsWith('git', s)) return;
    const domain = m[0].toLowerCase();
    if (FILE_EXTENSION.test(domain)) return;
    const doc = /(?:^|\.)example\.(?:com|org|net)$|\.(?:test|invalid|localhost)$/.test(domain);
    sink.add('email', s, end, doc ? 0.6 : 0.95);
  },
};
