import type { Recognizer } from '../../recognizer.ts';
import { UNDERSCORE_TOKEN, followedByEllipsis, looksFake, startsFree } from './token-checks.ts';

const KEY = /[rs]k_(live|test)_[0-9A-Za-z]{20,247}(?![0-9A-Za-z_])/y;

/**
 * Stripe secret (`sk_`) and restricted (`rk_`) API keys. Live keys score 0.95. Test-mode keys
 * score 0.6: above the default threshold, because a test key is still a working credential for the
 * account's test data (which teams often seed with copies of real customers) and names the account,
 * but below live keys so a tenant can drop them by setting the `stripe_key` threshold to 0.7.
 * Publishable keys (`pk_live_`, `pk_test_`) are public by design and never reported.
 */
export const stripeKey: Recognizer = {
  type: 'stripe_key',
  anchors: [UNDERSCORE_TOKEN],
  match(text, at, _end, sink) {
    // `at` is the underscore after `live`/`test`: `sk_live_` starts 7 characters earlier.
    const s = at - 7;
    if (s < 0 || text.charCodeAt(s + 1) !== 107 || text.charCodeAt(s + 2) !== 95 || !startsFree(text, s)) return;
    KEY.lastIndex = s;
    const m = KEY.exec(text);
    if (!m) return;
    const end = s + m[0].length;
    if (followedByEllipsis(text, end) || looksFake(m[0], m[0].slice(8))) return;
    sink.add('stripe_key', s, end, m[1] === 'live' ? 0.95 : 0.6);
  },
};
