import { createHash, timingSafeEqual } from 'node:crypto';
import type { KeyRing } from '../crypto.ts';

/**
 * Dashboard sessions in a cookie. The cookie holds the session token (`dls_...`, the same one a
 * script may send as a bearer token): HttpOnly (page scripts cannot read it), SameSite=Strict (no
 * other site makes the browser send it), Secure with the `__Host-` prefix (https only, this host
 * only, Path=/) unless the server runs explicitly as plain-http localhost development.
 *
 * CSRF: every state-changing request authenticated by the cookie must carry `x-csrf-token`, the
 * token the sign-in answer gave. It is an HMAC of the session token's hash under a key derived
 * from the master key, so it is bound to that one session, needs no storage, and a page on another
 * origin can neither read it nor compute it. Requests with an `Authorization` header are not
 * cookie-authenticated and need no CSRF token (a browser never adds that header by itself).
 */
export const cookieName = (secure: boolean) => (secure ? '__Host-daylight_session' : 'daylight_session');

/** The CSRF token of the session whose token hashes to `sessionHash`. */
export const csrfTokenFor = (keys: KeyRing, sessionHash: string) => keys.mac('csrf', sessionHash);

/** Constant-time comparison of a presented CSRF token with the expected one. */
export function csrfMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string' || given.length > 200) return false;
  // Compare digests so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** The value of cookie `name` in a Cookie header, undefined when absent. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header || header.length > 8192) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/** Methods that change nothing and so need no CSRF token. */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
