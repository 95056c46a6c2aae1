import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../../shared/contracts/admin.ts';
import { parseCredential, type KeyRing } from '../crypto.ts';
import type { Db } from '../db/db.ts';
import { ApiError, forbidden, unauthorized } from '../errors.ts';
import { accessFor, type RouteAccess } from './roles.ts';
import { csrfMatches, csrfTokenFor, readCookie, SAFE_METHODS } from './session.ts';

/** Who is calling, resolved from the bearer credential or the session cookie. `actor` is what the audit log records. */
export type Principal =
  | {
      kind: 'admin';
      tenantId: string;
      role: Role;
      actor: string;
      /** SHA-256 of the session token when signed in through a session (cookie or bearer `dls_`). */
      sessionHash?: string;
      /** How the credential came: a session cookie needs a CSRF token on state-changing requests. */
      via: 'bearer' | 'cookie';
    }
  | { kind: 'device'; tenantId: string; deviceId: string; userId: string | null; credentialHash: string }
  | { kind: 'enrollment'; tenantId: string; tokenId: string }
  | { kind: 'scim'; tenantId: string; tokenId: string };

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/**
 * Authentication and role checks for every route, in `onRequest` (before the body is even read):
 * 401 when the credential is missing, malformed, unknown, revoked or expired; 403 when it is valid
 * but not allowed on the route by `roles.ts`, or when it came in the session cookie on a
 * state-changing request without the session's CSRF token (`session.ts`). Registering a route that `roles.ts` does not list
 * throws, so nothing is ever reachable by accident.
 */
export function installAuth(app: FastifyInstance, db: Db, opts: { keys: KeyRing; cookieName: string }): void {
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      const access = accessFor(m, route.url);
      if (!access) throw new Error(`route ${m} ${route.url} is missing from server/src/auth/roles.ts`);
      route.config = { ...route.config, access };
    }
  });

  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config.access;
    // No route matched: the not-found handler answers.
    if (!access || access.auth === 'public') return;
    // A bearer header wins; only without one does the session cookie count.
    const header = req.headers.authorization;
    const cookie = header === undefined ? readCookie(req.headers.cookie, opts.cookieName) : undefined;
    const token = header !== undefined ? bearer(req) : (cookie ?? null);
    const principal = cookie !== undefined ? await resolveCookie(db, token) : await resolve(db, token);
    if (!principal) throw unauthorized();
    if (principal.kind === 'admin' && principal.via === 'cookie' && !SAFE_METHODS.has(req.method)) {
      if (!csrfMatches(csrfTokenFor(opts.keys, principal.sessionHash!), req.headers['x-csrf-token'])) {
        throw forbidden('Missing or invalid CSRF token: send the x-csrf-token header given at sign-in.');
      }
    }
    if (access.auth !== principal.kind)
      throw forbidden(
        `This route needs ${access.auth === 'admin' ? 'an admin' : `a ${access.auth === 'scim' ? 'SCIM' : access.auth}`} credential.`,
      );
    if (access.auth === 'admin' && principal.kind === 'admin' && !access.roles.includes(principal.role)) {
      throw forbidden(`Role '${principal.role}' may not use this route.`);
    }
    req.principal = principal;
  });
}

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer ([!-~]{1,200})$/i.exec(h);
  return m ? m[1]! : null;
}

/** Only admin sessions travel in the cookie. */
async function resolveCookie(db: Db, token: string | null): Promise<Principal | null> {
  if (!token?.startsWith('dls_')) return null;
  const p = await resolve(db, token);
  return p?.kind === 'admin' ? { ...p, via: 'cookie' } : null;
}

async function resolve(db: Db, token: string | null): Promise<Principal | null> {
  const c = token ? parseCredential(token) : null;
  if (!c) return null;
  const { tenantId, hash } = c;
  switch (c.kind) {
    case 'dlt': {
      const [row] = await db.query<{ token_id: string; role: Role; stale: boolean }>(
        `SELECT token_id, role, (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale
           FROM api_tokens WHERE tenant_id = $1 AND token_hash = $2 AND revoked_at IS NULL`,
        [tenantId, hash],
      );
      if (!row) return null;
      // last_used_at at minute precision: one write per token per minute, not per request.
      if (row.stale)
        await db.query('UPDATE api_tokens SET last_used_at = now() WHERE tenant_id = $1 AND token_id = $2', [tenantId, row.token_id]);
      return { kind: 'admin', tenantId, role: row.role, actor: `token:${row.token_id}`, via: 'bearer' };
    }
    case 'dls': {
      const [row] = await db.query<{ admin_id: string; role: Role }>(
        `SELECT a.admin_id, a.role FROM sessions s
           JOIN admins a ON a.tenant_id = s.tenant_id AND a.admin_id = s.admin_id
          WHERE s.tenant_id = $1 AND s.token_hash = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
            AND a.disabled_at IS NULL`,
        [tenantId, hash],
      );
      return row ? { kind: 'admin', tenantId, role: row.role, actor: `admin:${row.admin_id}`, sessionHash: hash, via: 'bearer' } : null;
    }
    case 'dle': {
      const [row] = await db.query<{ token_id: string }>(
        `SELECT token_id FROM enrollment_tokens
          WHERE tenant_id = $1 AND token_hash = $2 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
        [tenantId, hash],
      );
      return row ? { kind: 'enrollment', tenantId, tokenId: row.token_id } : null;
    }
    case 'dld': {
      const [row] = await db.query<{ device_id: string; user_id: string | null; current: boolean; has_prev: boolean; stale: boolean }>(
        `SELECT device_id, user_id, credential_hash = $2 AS current, prev_credential_hash IS NOT NULL AS has_prev,
                (last_seen_at IS NULL OR last_seen_at < now() - interval '1 minute') AS stale
           FROM devices
          WHERE tenant_id = $1 AND (credential_hash = $2 OR prev_credential_hash = $2) AND revoked_at IS NULL`,
        [tenantId, hash],
      );
      if (!row) return null;
      if (row.stale || (row.current && row.has_prev)) {
        // First use of a rotated credential retires the previous one.
        await db.query(
          `UPDATE devices SET last_seen_at = now(),
                  prev_credential_hash = CASE WHEN credential_hash = $3 THEN NULL ELSE prev_credential_hash END
            WHERE tenant_id = $1 AND device_id = $2`,
          [tenantId, row.device_id, hash],
        );
      }
      return { kind: 'device', tenantId, deviceId: row.device_id, userId: row.user_id, credentialHash: hash };
    }
    case 'dlp': {
      const [row] = await db.query<{ token_id: string; stale: boolean }>(
        `SELECT token_id, (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale
           FROM scim_tokens WHERE tenant_id = $1 AND token_hash = $2 AND revoked_at IS NULL`,
        [tenantId, hash],
      );
      if (!row) return null;
      if (row.stale)
        await db.query('UPDATE scim_tokens SET last_used_at = now() WHERE tenant_id = $1 AND token_id = $2', [tenantId, row.token_id]);
      return { kind: 'scim', tenantId, tokenId: row.token_id };
    }
    default:
      // Sign-in link tokens are not bearer credentials.
      return null;
  }
}

/** The calling admin; only for routes whose access is `admin`. */
export function adminOf(req: FastifyRequest): Extract<Principal, { kind: 'admin' }> {
  const p = req.principal;
  if (p?.kind !== 'admin') throw new ApiError(500, 'internal', 'Internal server error.');
  return p;
}

export function deviceOf(req: FastifyRequest): Extract<Principal, { kind: 'device' }> {
  const p = req.principal;
  if (p?.kind !== 'device') throw new ApiError(500, 'internal', 'Internal server error.');
  return p;
}

export function enrollmentOf(req: FastifyRequest): Extract<Principal, { kind: 'enrollment' }> {
  const p = req.principal;
  if (p?.kind !== 'enrollment') throw new ApiError(500, 'internal', 'Internal server error.');
  return p;
}

export function scimOf(req: FastifyRequest): Extract<Principal, { kind: 'scim' }> {
  const p = req.principal;
  if (p?.kind !== 'scim') throw new ApiError(500, 'internal', 'Internal server error.');
  return p;
}
