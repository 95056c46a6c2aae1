import { randomUUID } from 'node:crypto';
import {
  AdminList,
  ApiTokenInfo,
  ApiTokenList,
  CreateAdminRequest,
  CreateAdminResponse,
  CreateApiTokenRequest,
  CreateApiTokenResponse,
  CreateEnrollmentTokenRequest,
  CreateEnrollmentTokenResponse,
  EnrollmentTokenInfo,
  EnrollmentTokenList,
  IdParams,
  SignInRequest,
  SignInResponse,
  SignOutResponse,
  TenantInfo,
  type Role,
} from '../../../shared/contracts/admin.ts';
import { DeviceInfo } from '../../../shared/contracts/enroll.ts';
import { ErrorResponse } from '../../../shared/contracts/errors.ts';
import { DeviceCoverageList, DeviceWithCoverage } from '../../../shared/contracts/heartbeat.ts';
import type { RouteContext, ZApp } from '../app.ts';
import { adminOf } from '../auth/plugin.ts';
import { csrfTokenFor } from '../auth/session.ts';
import { mintCredential, parseCredential } from '../crypto.ts';
import { ApiError, conflict, notFound, unauthorized } from '../errors.ts';
import { appendAudit, audited, lockTenant } from '../services/audit.ts';
import { coverageOf } from '../services/coverage.ts';
import { createEnrollmentToken, createSignInLink, insertApiToken, SIGN_IN_LINK_TTL_MS } from '../services/tenants.ts';
import { AUTH_ERRORS, isUniqueViolation, iso, SECURITY } from './util.ts';
import { z } from 'zod';

/** Admin sessions last a working day; sign in again after. */
export const SESSION_TTL_MS = 12 * 3600_000;

type TokenRow = {
  token_id: string;
  name: string;
  role: Role;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};
const tokenInfo = (r: TokenRow) => ({
  id: r.token_id,
  name: r.name,
  role: r.role,
  createdAt: iso(r.created_at),
  lastUsedAt: iso(r.last_used_at),
  revokedAt: iso(r.revoked_at),
});

type EnrollRow = {
  token_id: string;
  name: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
};
const enrollInfo = (r: EnrollRow) => ({
  id: r.token_id,
  name: r.name,
  createdAt: iso(r.created_at),
  expiresAt: iso(r.expires_at),
  revokedAt: iso(r.revoked_at),
});

type DeviceRow = {
  device_id: string;
  agent: string;
  agent_version: string;
  os: string;
  os_version: string | null;
  hostname: string | null;
  user_id: string | null;
  enrolled_at: Date;
  last_seen_at: Date | null;
  revoked_at: Date | null;
};
const DEVICE_COLUMNS = 'device_id, agent, agent_version, os, os_version, hostname, user_id, enrolled_at, last_seen_at, revoked_at';
const deviceInfo = (r: DeviceRow): DeviceInfo => ({
  id: r.device_id,
  agent: r.agent,
  agentVersion: r.agent_version,
  os: r.os,
  osVersion: r.os_version,
  hostname: r.hostname,
  userId: r.user_id,
  enrolledAt: iso(r.enrolled_at),
  lastSeenAt: iso(r.last_seen_at),
  revokedAt: iso(r.revoked_at),
});

type DeviceCoverageRow = DeviceRow & { hb_body: unknown; hb_received_at: Date | null };
const DEVICE_COVERAGE_COLUMNS = `${DEVICE_COLUMNS.split(', ')
  .map((c) => `d.${c}`)
  .join(', ')}, h.body AS hb_body, h.received_at AS hb_received_at`;
const withCoverage = (r: DeviceCoverageRow, now: Date): DeviceWithCoverage => ({
  ...deviceInfo(r),
  coverage: coverageOf(r.hb_received_at ? { body: r.hb_body, receivedAt: new Date(r.hb_received_at) } : null, now),
});

const DeviceQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  /** Paging cursor: devices with a greater id. */
  after: z.uuid().optional(),
});

/** Tenant, sign-in, admins, API tokens, enrollment tokens, devices. */
export function adminRoutes(app: ZApp, { db, keys, cookie }: RouteContext): void {
  app.post(
    '/v1/auth/sign-in',
    {
      schema: {
        tags: ['admin'],
        summary: 'Exchange a one-time sign-in link token for a session token',
        body: SignInRequest,
        response: { 200: SignInResponse, 400: ErrorResponse, 401: ErrorResponse },
      },
    },
    async (req, reply) => {
      const c = parseCredential(req.body.token);
      if (!c || c.kind !== 'dlo') throw unauthorized('Unknown, used or expired sign-in link.');
      const out = await db.transaction(async (tx) => {
        await lockTenant(tx, c.tenantId);
        const [link] = await tx.query<{ admin_id: string; role: Role }>(
          `UPDATE sign_in_links l SET used_at = now() FROM admins a
            WHERE l.tenant_id = $1 AND l.token_hash = $2 AND l.used_at IS NULL AND l.expires_at > now()
              AND a.tenant_id = l.tenant_id AND a.admin_id = l.admin_id AND a.disabled_at IS NULL
            RETURNING l.admin_id, a.role`,
          [c.tenantId, c.hash],
        );
        if (!link) return null;
        const session = mintCredential('dls', c.tenantId);
        const expiresAt = new Date(Date.now() + SESSION_TTL_MS).toISOString();
        await tx.query('INSERT INTO sessions (tenant_id, session_id, admin_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)', [
          c.tenantId,
          randomUUID(),
          link.admin_id,
          session.hash,
          expiresAt,
        ]);
        await appendAudit(tx, c.tenantId, { actor: `admin:${link.admin_id}`, action: 'admin.sign_in', target: `admin:${link.admin_id}` });
        return {
          sessionToken: session.token,
          expiresAt,
          adminId: link.admin_id,
          role: link.role,
          csrfToken: csrfTokenFor(keys, session.hash),
        };
      });
      if (!out) throw unauthorized('Unknown, used or expired sign-in link.');
      reply.setCookie(cookie.name, out.sessionToken, {
        httpOnly: true,
        secure: cookie.secure,
        sameSite: 'strict',
        path: '/',
        expires: new Date(out.expiresAt),
      });
      // The answer carries the session token: never cache it.
      reply.header('cache-control', 'no-store');
      return out;
    },
  );

  app.post(
    '/v1/auth/sign-out',
    {
      schema: {
        tags: ['admin'],
        summary: 'End the calling session (cookie or bearer dls_) and clear the session cookie',
        security: SECURITY,
        response: { 200: SignOutResponse, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId, actor, sessionHash } = adminOf(req);
      if (!sessionHash) throw new ApiError(400, 'bad_request', 'Only sessions sign out; revoke an API token with DELETE /v1/tokens/:id.');
      await audited(db, tenantId, async (tx) => {
        await tx.query('UPDATE sessions SET revoked_at = coalesce(revoked_at, now()) WHERE tenant_id = $1 AND token_hash = $2', [
          tenantId,
          sessionHash,
        ]);
        return { result: null, audit: { actor, action: 'admin.sign_out', target: actor } };
      });
      reply.clearCookie(cookie.name, { httpOnly: true, secure: cookie.secure, sameSite: 'strict', path: '/' });
      return { signedOut: true as const };
    },
  );

  app.get('/v1/tenant', { schema: { tags: ['admin'], security: SECURITY, response: { 200: TenantInfo, ...AUTH_ERRORS } } }, async (req) => {
    const { tenantId } = adminOf(req);
    const [t] = await db.query<{ name: string; created_at: Date; signing_public_key: string }>(
      'SELECT name, created_at, signing_public_key FROM tenants WHERE tenant_id = $1',
      [tenantId],
    );
    if (!t) throw notFound('Tenant');
    return { id: tenantId, name: t.name, createdAt: iso(t.created_at), policyPublicKey: t.signing_public_key };
  });

  app.get('/v1/admins', { schema: { tags: ['admin'], security: SECURITY, response: { 200: AdminList, ...AUTH_ERRORS } } }, async (req) => {
    const { tenantId } = adminOf(req);
    const rows = await db.query<{ admin_id: string; email: string; role: Role; created_at: Date }>(
      'SELECT admin_id, email, role, created_at FROM admins WHERE tenant_id = $1 AND disabled_at IS NULL ORDER BY created_at, admin_id',
      [tenantId],
    );
    return { admins: rows.map((r) => ({ id: r.admin_id, email: r.email, role: r.role, createdAt: iso(r.created_at) })) };
  });

  app.post(
    '/v1/admins',
    {
      schema: {
        tags: ['admin'],
        summary: 'Invite an admin; answers their one-time sign-in token',
        security: SECURITY,
        body: CreateAdminRequest,
        response: { 201: CreateAdminResponse, 409: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId, actor } = adminOf(req);
      const email = req.body.email.toLowerCase();
      const adminId = randomUUID();
      try {
        const out = await audited(db, tenantId, async (tx) => {
          const [row] = await tx.query<{ created_at: Date }>(
            'INSERT INTO admins (tenant_id, admin_id, email, role) VALUES ($1, $2, $3, $4) RETURNING created_at',
            [tenantId, adminId, email, req.body.role],
          );
          const signInToken = await createSignInLink(tx, tenantId, adminId);
          return {
            result: {
              admin: { id: adminId, email, role: req.body.role, createdAt: iso(row!.created_at) },
              signInToken,
              signInExpiresAt: new Date(Date.now() + SIGN_IN_LINK_TTL_MS).toISOString(),
            },
            audit: { actor, action: 'admin.create', target: `admin:${adminId}`, details: { role: req.body.role } },
          };
        });
        return reply.code(201).send(out);
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict('An admin with this e-mail exists.');
        throw e;
      }
    },
  );

  app.get(
    '/v1/tokens',
    { schema: { tags: ['admin'], security: SECURITY, response: { 200: ApiTokenList, ...AUTH_ERRORS } } },
    async (req) => {
      const { tenantId } = adminOf(req);
      const rows = await db.query<TokenRow>(
        'SELECT token_id, name, role, created_at, last_used_at, revoked_at FROM api_tokens WHERE tenant_id = $1 ORDER BY created_at, token_id',
        [tenantId],
      );
      return { tokens: rows.map(tokenInfo) };
    },
  );

  app.post(
    '/v1/tokens',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create an API token for a role; the token is shown once',
        security: SECURITY,
        body: CreateApiTokenRequest,
        response: { 201: CreateApiTokenResponse, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId, actor } = adminOf(req);
      const { name, role } = req.body;
      const out = await audited(db, tenantId, async (tx) => {
        const t = await insertApiToken(tx, tenantId, name, role, actor);
        const [row] = await tx.query<TokenRow>(
          'SELECT token_id, name, role, created_at, last_used_at, revoked_at FROM api_tokens WHERE tenant_id = $1 AND token_id = $2',
          [tenantId, t.id],
        );
        return {
          result: { ...tokenInfo(row!), token: t.token },
          audit: { actor, action: 'token.create', target: `token:${t.id}`, details: { name, role } },
        };
      });
      return reply.code(201).send(out);
    },
  );

  app.delete(
    '/v1/tokens/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Revoke an API token',
        security: SECURITY,
        params: IdParams,
        response: { 200: ApiTokenInfo, 404: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId, actor } = adminOf(req);
      const row = await audited(db, tenantId, async (tx) => {
        const [r] = await tx.query<TokenRow>(
          `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE tenant_id = $1 AND token_id = $2
           RETURNING token_id, name, role, created_at, last_used_at, revoked_at`,
          [tenantId, req.params.id],
        );
        if (!r) throw notFound('Token');
        return { result: r, audit: { actor, action: 'token.revoke', target: `token:${r.token_id}` } };
      });
      return tokenInfo(row);
    },
  );

  app.get(
    '/v1/enrollment-tokens',
    { schema: { tags: ['admin'], security: SECURITY, response: { 200: EnrollmentTokenList, ...AUTH_ERRORS } } },
    async (req) => {
      const { tenantId } = adminOf(req);
      const rows = await db.query<EnrollRow>(
        'SELECT token_id, name, created_at, expires_at, revoked_at FROM enrollment_tokens WHERE tenant_id = $1 ORDER BY created_at, token_id',
        [tenantId],
      );
      return { tokens: rows.map(enrollInfo) };
    },
  );

  app.post(
    '/v1/enrollment-tokens',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create an enrollment token for MDM managed config; shown once',
        security: SECURITY,
        body: CreateEnrollmentTokenRequest,
        response: { 201: CreateEnrollmentTokenResponse, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId, actor } = adminOf(req);
      const out = await audited(db, tenantId, async (tx) => {
        const t = await createEnrollmentToken(tx, tenantId, req.body.name, actor, req.body.expiresAt);
        const [row] = await tx.query<EnrollRow>(
          'SELECT token_id, name, created_at, expires_at, revoked_at FROM enrollment_tokens WHERE tenant_id = $1 AND token_id = $2',
          [tenantId, t.id],
        );
        return {
          result: { ...enrollInfo(row!), token: t.token },
          audit: { actor, action: 'enrollment_token.create', target: `enrollment_token:${t.id}`, details: { name: req.body.name } },
        };
      });
      return reply.code(201).send(out);
    },
  );

  app.delete(
    '/v1/enrollment-tokens/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Revoke an enrollment token',
        security: SECURITY,
        params: IdParams,
        response: { 200: EnrollmentTokenInfo, 404: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId, actor } = adminOf(req);
      const row = await audited(db, tenantId, async (tx) => {
        const [r] = await tx.query<EnrollRow>(
          `UPDATE enrollment_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE tenant_id = $1 AND token_id = $2
           RETURNING token_id, name, created_at, expires_at, revoked_at`,
          [tenantId, req.params.id],
        );
        if (!r) throw notFound('Enrollment token');
        return { result: r, audit: { actor, action: 'enrollment_token.revoke', target: `enrollment_token:${r.token_id}` } };
      });
      return enrollInfo(row);
    },
  );

  app.get(
    '/v1/devices',
    {
      schema: {
        tags: ['admin'],
        summary: 'Devices with their coverage (newest heartbeat), by device id',
        security: SECURITY,
        querystring: DeviceQuery,
        response: { 200: DeviceCoverageList, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId } = adminOf(req);
      const { limit, after } = req.query;
      const rows = await db.query<DeviceCoverageRow>(
        `SELECT ${DEVICE_COVERAGE_COLUMNS} FROM devices d
           LEFT JOIN device_heartbeats h ON h.tenant_id = d.tenant_id AND h.device_id = d.device_id
          WHERE d.tenant_id = $1 AND ($2::uuid IS NULL OR d.device_id > $2::uuid) ORDER BY d.device_id LIMIT $3`,
        [tenantId, after ?? null, limit + 1],
      );
      const now = new Date();
      const page = rows.slice(0, limit);
      return { devices: page.map((r) => withCoverage(r, now)), next: rows.length > limit ? page.at(-1)!.device_id : null };
    },
  );

  app.get(
    '/v1/devices/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'One device with its coverage',
        security: SECURITY,
        params: IdParams,
        response: { 200: DeviceWithCoverage, 404: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId } = adminOf(req);
      const [row] = await db.query<DeviceCoverageRow>(
        `SELECT ${DEVICE_COVERAGE_COLUMNS} FROM devices d
           LEFT JOIN device_heartbeats h ON h.tenant_id = d.tenant_id AND h.device_id = d.device_id
          WHERE d.tenant_id = $1 AND d.device_id = $2`,
        [tenantId, req.params.id],
      );
      if (!row) throw notFound('Device');
      return withCoverage(row, new Date());
    },
  );

  app.delete(
    '/v1/devices/:id',
    {
      schema: {
        tags: ['admin'],
        summary: "Revoke a device's credential",
        security: SECURITY,
        params: IdParams,
        response: { 200: DeviceInfo, 404: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId, actor } = adminOf(req);
      const row = await audited(db, tenantId, async (tx) => {
        const [r] = await tx.query<DeviceRow>(
          `UPDATE devices SET revoked_at = coalesce(revoked_at, now()) WHERE tenant_id = $1 AND device_id = $2 RETURNING ${DEVICE_COLUMNS}`,
          [tenantId, req.params.id],
        );
        if (!r) throw notFound('Device');
        return { result: r, audit: { actor, action: 'device.revoke', target: `device:${r.device_id}` } };
      });
      return deviceInfo(row);
    },
  );
}
