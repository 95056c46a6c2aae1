import { randomUUID } from 'node:crypto';
import * as oidc from 'openid-client';
import { z } from 'zod';
import type { Role } from '../../../shared/contracts/admin.ts';
import { ErrorResponse } from '../../../shared/contracts/errors.ts';
import {
  OidcCallbackQuery,
  OidcConfigInfo,
  OidcConfigRequest,
  OidcStartParams,
  type RoleMapping,
  SessionInfo,
} from '../../../shared/contracts/sso.ts';
import type { RouteContext, ZApp } from '../app.ts';
import { adminOf } from '../auth/plugin.ts';
import { csrfTokenFor, readCookie } from '../auth/session.ts';
import { mintCredential, sha256Hex } from '../crypto.ts';
import { ApiError, conflict, forbidden, notFound, unauthorized } from '../errors.ts';
import { appendAudit, audited, lockTenant } from '../services/audit.ts';
import { SESSION_TTL_MS } from './admin.ts';
import { AUTH_ERRORS, iso, SECURITY } from './util.ts';

/** How long a user has at the IdP between start and callback. */
const STATE_TTL_MS = 10 * 60_000;
/** Discovery documents and keys are fetched again after this long. */
const DISCOVERY_TTL_MS = 3600_000;

const secretAad = (tenantId: string) => `${tenantId}:oidc-client-secret`;
const STATE_AAD = 'oidc-state';

type ConfigRow = {
  issuer: string;
  client_id: string;
  client_secret_sealed: string | null;
  groups_claim: string;
  scopes: string;
  role_mapping: z.infer<typeof RoleMapping>[] | string;
  enabled: boolean;
  slug: string | null;
  updated_at: Date;
};

/** What the state cookie carries between start and callback (sealed: the PKCE verifier is secret). */
const StateCookie = z.object({ t: z.uuid(), s: z.string(), n: z.string(), v: z.string(), e: z.number() });

const mappingOf = (r: ConfigRow) =>
  typeof r.role_mapping === 'string' ? (JSON.parse(r.role_mapping) as z.infer<typeof RoleMapping>[]) : r.role_mapping;

/** Failures of the sign-in itself: 401, with a message a person can act on, never the IdP's internals. */
const signInFailed = (why: string) => new ApiError(401, 'unauthorized', `Single sign-on failed: ${why}`);

/**
 * OpenID Connect sign-in to the dashboard (authorization code + PKCE, `openid-client`), per tenant,
 * and its configuration. The result of a sign-in is the same session (cookie + CSRF) as a sign-in
 * link gives. See docs/sso-scim.md.
 */
export function ssoRoutes(app: ZApp, { db, keys, cookie, publicUrl }: RouteContext): void {
  const redirectUri = `${publicUrl}/v1/auth/oidc/callback`;
  const stateCookie = cookie.secure ? '__Host-daylight_oidc' : 'daylight_oidc';
  const clients = new Map<string, { key: string; at: number; config: Promise<oidc.Configuration> }>();

  /** The tenant's OIDC client (discovery cached per tenant and settings). */
  function clientFor(tenantId: string, row: ConfigRow): Promise<oidc.Configuration> {
    const secret = row.client_secret_sealed ? Buffer.from(keys.open(row.client_secret_sealed, secretAad(tenantId))).toString('utf8') : null;
    const key = sha256Hex(`${row.issuer}\n${row.client_id}\n${secret ?? ''}`);
    const hit = clients.get(tenantId);
    if (hit && hit.key === key && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
    const insecure = new URL(row.issuer).protocol === 'http:';
    const config = oidc.discovery(
      new URL(row.issuer),
      row.client_id,
      secret ? { client_secret: secret } : undefined,
      secret ? oidc.ClientSecretBasic(secret) : oidc.None(),
      insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
    // A failed discovery is not cached.
    config.catch(() => clients.delete(tenantId));
    clients.set(tenantId, { key, at: Date.now(), config });
    return config;
  }

  async function configRow(tenantId: string): Promise<ConfigRow | undefined> {
    const [row] = await db.query<ConfigRow>(
      `SELECT issuer, client_id, client_secret_sealed, groups_claim, scopes, role_mapping, enabled, slug, updated_at
         FROM sso_oidc WHERE tenant_id = $1`,
      [tenantId],
    );
    return row;
  }

  const info = (tenantId: string, r: ConfigRow): z.infer<typeof OidcConfigInfo> => ({
    enabled: r.enabled,
    issuer: r.issuer,
    clientId: r.client_id,
    hasClientSecret: r.client_secret_sealed !== null,
    groupsClaim: r.groups_claim,
    roleMapping: mappingOf(r),
    scopes: r.scopes,
    slug: r.slug,
    redirectUri,
    startUrl: `${publicUrl}/v1/auth/oidc/${r.slug ?? tenantId}/start`,
    updatedAt: iso(r.updated_at),
  });

  app.get(
    '/v1/sso/oidc',
    {
      schema: {
        tags: ['sso'],
        summary: "The tenant's OpenID Connect sign-in settings (never the client secret)",
        security: SECURITY,
        response: { 200: OidcConfigInfo, 404: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId } = adminOf(req);
      const row = await configRow(tenantId);
      if (!row) throw notFound('Single sign-on configuration');
      return info(tenantId, row);
    },
  );

  app.put(
    '/v1/sso/oidc',
    {
      schema: {
        tags: ['sso'],
        summary: 'Set the OpenID Connect sign-in settings (Okta, Entra ID, any OpenID provider)',
        security: SECURITY,
        body: OidcConfigRequest,
        response: { 200: OidcConfigInfo, 409: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId, actor } = adminOf(req);
      const b = req.body;
      const sealed = b.clientSecret === undefined ? null : keys.seal(Buffer.from(b.clientSecret, 'utf8'), secretAad(tenantId));
      const row = await audited(db, tenantId, async (tx) => {
        if (b.slug !== null) {
          // Slugs name a tenant in a public URL: unique across tenants (the one cross-tenant check).
          const taken = await tx.query('SELECT 1 FROM sso_oidc WHERE slug = $1 AND tenant_id <> $2', [b.slug, tenantId]);
          if (taken.length) throw conflict(`The sign-in name '${b.slug}' is taken.`);
        }
        const [r] = await tx.query<ConfigRow>(
          `INSERT INTO sso_oidc (tenant_id, issuer, client_id, client_secret_sealed, groups_claim, scopes, role_mapping, enabled, slug, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, now())
           ON CONFLICT (tenant_id) DO UPDATE SET issuer = excluded.issuer, client_id = excluded.client_id,
             client_secret_sealed = coalesce(excluded.client_secret_sealed, sso_oidc.client_secret_sealed),
             groups_claim = excluded.groups_claim, scopes = excluded.scopes, role_mapping = excluded.role_mapping,
             enabled = excluded.enabled, slug = excluded.slug, updated_at = now()
           RETURNING issuer, client_id, client_secret_sealed, groups_claim, scopes, role_mapping, enabled, slug, updated_at`,
          [tenantId, b.issuer, b.clientId, sealed, b.groupsClaim, b.scopes, JSON.stringify(b.roleMapping), b.enabled, b.slug],
        );
        return {
          result: r!,
          audit: {
            actor,
            action: 'sso.configure',
            target: 'sso:oidc',
            details: {
              issuer: b.issuer,
              clientId: b.clientId,
              enabled: b.enabled,
              secretChanged: sealed !== null,
              roleMapping: b.roleMapping,
            },
          },
        };
      });
      clients.delete(tenantId);
      return info(tenantId, row);
    },
  );

  app.get(
    '/v1/auth/oidc/:tenant/start',
    {
      schema: {
        tags: ['sso'],
        summary: "Start single sign-on: redirects to the tenant's identity provider (authorization code + PKCE)",
        params: OidcStartParams,
        response: { 302: z.null(), 400: ErrorResponse, 404: ErrorResponse, 502: ErrorResponse },
      },
    },
    async (req, reply) => {
      let tenantId = req.params.tenant;
      if (!/^[0-9a-f]{8}-/i.test(tenantId)) {
        const bySlug = await db.query<{ tenant_id: string }>('SELECT tenant_id FROM sso_oidc WHERE slug = $1 LIMIT 2', [tenantId]);
        if (bySlug.length !== 1) throw notFound('Single sign-on for this tenant');
        tenantId = bySlug[0]!.tenant_id;
      }
      const row = await configRow(tenantId);
      if (!row?.enabled) throw notFound('Single sign-on for this tenant');
      let config: oidc.Configuration;
      try {
        config = await clientFor(tenantId, row);
      } catch (e) {
        req.log.warn({ err: e }, 'OIDC discovery failed');
        throw new ApiError(502, 'unavailable', 'The identity provider could not be reached; try again later.');
      }
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: row.scopes,
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      const sealed = keys.seal(
        Buffer.from(JSON.stringify({ t: tenantId, s: state, n: nonce, v: verifier, e: Date.now() + STATE_TTL_MS })),
        STATE_AAD,
      );
      // Lax, not Strict: the IdP sends the browser back with a cross-site top-level GET.
      reply.setCookie(stateCookie, sealed, {
        httpOnly: true,
        secure: cookie.secure,
        sameSite: 'lax',
        path: '/',
        maxAge: STATE_TTL_MS / 1000,
      });
      reply.header('cache-control', 'no-store');
      return reply.redirect(url.href, 302);
    },
  );

  app.get(
    '/v1/auth/oidc/callback',
    {
      schema: {
        tags: ['sso'],
        summary: 'Redirect URI of single sign-on: signs the user in (session cookie) and redirects to the dashboard',
        querystring: OidcCallbackQuery,
        response: { 302: z.null(), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (req, reply) => {
      const raw = readCookie(req.headers.cookie, stateCookie);
      reply.clearCookie(stateCookie, { httpOnly: true, secure: cookie.secure, sameSite: 'lax', path: '/' });
      reply.header('cache-control', 'no-store');
      let st: z.infer<typeof StateCookie>;
      try {
        st = StateCookie.parse(JSON.parse(Buffer.from(keys.open(raw ?? '', STATE_AAD)).toString('utf8')));
      } catch {
        // Not a credential problem: this browser did not start a sign-in here (or lost its cookie).
        throw new ApiError(
          400,
          'bad_request',
          'Single sign-on failed: the sign-in was not started here or its cookie is missing; start again.',
        );
      }
      if (st.e < Date.now()) throw new ApiError(400, 'bad_request', 'Single sign-on failed: the sign-in took too long; start again.');
      if (req.query.error) throw signInFailed(`the identity provider answered ${req.query.error.slice(0, 64)}.`);
      const row = await configRow(st.t);
      if (!row?.enabled) throw signInFailed('single sign-on is not enabled for this tenant.');

      let claims: Record<string, unknown>;
      try {
        const config = await clientFor(st.t, row);
        const current = new URL(req.url, publicUrl);
        const tokens = await oidc.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: st.v,
          expectedState: st.s,
          expectedNonce: st.n,
          idTokenExpected: true,
        });
        claims = { ...tokens.claims()! };
        // Groups or e-mail only in userinfo (IdPs that keep ID tokens small): ask for them.
        if ((claims[row.groups_claim] === undefined || claims.email === undefined) && config.serverMetadata().userinfo_endpoint) {
          const user = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub as string);
          claims = { ...user, ...claims, [row.groups_claim]: claims[row.groups_claim] ?? user[row.groups_claim] };
        }
      } catch (e) {
        req.log.warn({ err: e }, 'OIDC code exchange failed');
        throw signInFailed('the identity provider answer did not verify; start again.');
      }

      const email = [claims.email, claims.preferred_username, claims.upn]
        .find((v): v is string => typeof v === 'string' && /^[^\s@]{1,200}@[^\s@]{1,200}$/.test(v))
        ?.toLowerCase();
      if (!email) throw forbidden('Single sign-on failed: the identity provider gave no e-mail address for this user.');
      const rawGroups = claims[row.groups_claim];
      const groups = Array.isArray(rawGroups) ? rawGroups.filter((g): g is string => typeof g === 'string') : [];
      const role = mappingOf(row).find((m) => groups.includes(m.group))?.role;
      if (!role) throw forbidden('Single sign-on refused: none of your groups gives a Daylight role. Ask your administrator.');
      const subject = typeof claims.sub === 'string' ? claims.sub.slice(0, 255) : null;

      const out = await db.transaction(async (tx) => {
        await lockTenant(tx, st.t);
        const [inactive] = await tx.query(
          'SELECT 1 FROM directory_users WHERE tenant_id = $1 AND (user_id = $2 OR lower(user_name) = $2) AND NOT active',
          [st.t, email],
        );
        if (inactive) return { refused: 'Single sign-on refused: your account is deactivated.' } as const;
        const [existing] = await tx.query<{ admin_id: string; role: Role; source: string; disabled_at: Date | null }>(
          'SELECT admin_id, role, source, disabled_at FROM admins WHERE tenant_id = $1 AND email = $2 FOR UPDATE',
          [st.t, email],
        );
        if (existing?.disabled_at) return { refused: 'Single sign-on refused: your Daylight account is disabled.' } as const;
        let adminId: string;
        let jit: 'created' | 'updated' | 'unchanged';
        let finalRole: Role = role;
        if (!existing) {
          adminId = randomUUID();
          jit = 'created';
          await tx.query(
            "INSERT INTO admins (tenant_id, admin_id, email, role, source, oidc_subject) VALUES ($1, $2, $3, $4, 'oidc', $5)",
            [st.t, adminId, email, role, subject],
          );
        } else {
          adminId = existing.admin_id;
          // A local owner (first start, break-glass) stays owner whatever the IdP says.
          if (existing.role === 'owner' && existing.source === 'local') finalRole = 'owner';
          jit = finalRole === existing.role ? 'unchanged' : 'updated';
          await tx.query('UPDATE admins SET role = $3, oidc_subject = $4 WHERE tenant_id = $1 AND admin_id = $2', [
            st.t,
            adminId,
            finalRole,
            subject,
          ]);
        }
        const session = mintCredential('dls', st.t);
        const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
        await tx.query('INSERT INTO sessions (tenant_id, session_id, admin_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)', [
          st.t,
          randomUUID(),
          adminId,
          session.hash,
          expiresAt.toISOString(),
        ]);
        await appendAudit(tx, st.t, {
          actor: `admin:${adminId}`,
          action: 'admin.sign_in',
          target: `admin:${adminId}`,
          details: {
            via: 'oidc',
            jit,
            role: finalRole,
            ...(existing && existing.role !== finalRole ? { previousRole: existing.role } : {}),
          },
        });
        return { token: session.token, expiresAt };
      });
      if ('refused' in out) throw forbidden(out.refused);
      reply.setCookie(cookie.name, out.token, {
        httpOnly: true,
        secure: cookie.secure,
        sameSite: 'strict',
        path: '/',
        expires: out.expiresAt,
      });
      return reply.redirect('/', 302);
    },
  );

  app.get(
    '/v1/auth/session',
    {
      schema: {
        tags: ['admin'],
        summary: 'The calling session and its CSRF token (for a dashboard signed in by single sign-on)',
        security: SECURITY,
        response: { 200: SessionInfo, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId, sessionHash } = adminOf(req);
      if (!sessionHash) throw new ApiError(400, 'bad_request', 'Only sessions have a session; this is an API token.');
      const [row] = await db.query<{ admin_id: string; email: string; role: Role; expires_at: Date }>(
        `SELECT a.admin_id, a.email, a.role, s.expires_at FROM sessions s
           JOIN admins a ON a.tenant_id = s.tenant_id AND a.admin_id = s.admin_id
          WHERE s.tenant_id = $1 AND s.token_hash = $2`,
        [tenantId, sessionHash],
      );
      if (!row) throw unauthorized();
      reply.header('cache-control', 'no-store');
      return {
        adminId: row.admin_id,
        email: row.email,
        role: row.role,
        expiresAt: iso(row.expires_at),
        csrfToken: csrfTokenFor(keys, sessionHash),
      };
    },
  );
}
