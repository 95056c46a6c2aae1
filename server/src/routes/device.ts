import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { bytesToHex } from '@noble/hashes/utils.js';
import { DeviceDirectory, EnrollRequest, EnrollResponse, RotateResponse } from '../../../shared/contracts/enroll.ts';
import { ErrorResponse } from '../../../shared/contracts/errors.ts';
import { Heartbeat, HeartbeatResponse } from '../../../shared/contracts/heartbeat.ts';
import { SignedPolicy } from '../../../shared/policy/sign.ts';
import type { RouteContext, ZApp } from '../app.ts';
import { deviceOf, enrollmentOf } from '../auth/plugin.ts';
import { hmacHex, mintCredential, sha256Hex } from '../crypto.ts';
import { ApiError, notFound, unauthorized } from '../errors.ts';
import { currentPolicy } from '../services/policy.ts';
import { audited } from '../services/audit.ts';
import { pseudonymAad, valueKeyAad } from '../services/tenants.ts';
import { AUTH_ERRORS, iso, SECURITY } from './util.ts';

/**
 * The per-tenant pseudonym of a user id: HMAC-SHA-256 under the tenant's pseudonym key (which
 * never leaves the server), so the same person maps to the same pseudonym within a tenant and to
 * unrelated ones across tenants.
 */
export function pseudonymize(key: Uint8Array, userId: string): string {
  return `p_${hmacHex(key, userId.trim().toLowerCase()).slice(0, 32)}`;
}

/** Device enrollment, credential rotation, policy fetch, heartbeats. */
export function deviceRoutes(app: ZApp, { db, keys, rateLimits }: RouteContext): void {
  // Heartbeats come every few minutes; a device that sends more than its ingest budget per
  // minute is misbehaving. Own counter key, so heartbeats never eat into the event budget.
  const heartbeatLimit = app.createRateLimit({
    max: rateLimits.devicePerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => `hb:${deviceOf(req).deviceId}`,
  });

  app.post(
    '/v1/enroll',
    {
      schema: {
        tags: ['device'],
        summary: 'Enroll a device with the tenant enrollment token (Authorization: Bearer dle_...)',
        security: SECURITY,
        body: EnrollRequest,
        response: { 201: EnrollResponse, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId, tokenId } = enrollmentOf(req);
      const f = req.body;
      const deviceId = randomUUID();
      const credential = mintCredential('dld', tenantId);
      const out = await audited(db, tenantId, async (tx) => {
        const [t] = await tx.query<{
          signing_public_key: string;
          pseudonym_key_sealed: string;
          value_key_sealed: string;
          pseudonymize: boolean | null;
        }>(
          `SELECT t.signing_public_key, t.pseudonym_key_sealed, t.value_key_sealed,
                  (SELECT p.pseudonymize_users FROM policies p WHERE p.tenant_id = t.tenant_id ORDER BY p.version DESC LIMIT 1) AS pseudonymize
             FROM tenants t WHERE t.tenant_id = $1`,
          [tenantId],
        );
        if (!t) throw unauthorized();
        let user: { id: string; pseudonymized: boolean } | null = null;
        if (f.user) {
          user = t.pseudonymize
            ? { id: pseudonymize(keys.open(t.pseudonym_key_sealed, pseudonymAad(tenantId)), f.user.id), pseudonymized: true }
            : { id: f.user.id.trim().toLowerCase(), pseudonymized: false };
        }
        await tx.query(
          `INSERT INTO devices (tenant_id, device_id, credential_hash, enrollment_token_id, agent, agent_version, os, os_version,
                                hostname, browser, mdm_device_id, user_id, user_pseudonymized)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          [
            tenantId,
            deviceId,
            credential.hash,
            tokenId,
            f.agent,
            f.agentVersion,
            f.os,
            f.osVersion ?? null,
            f.hostname ?? null,
            f.browser ? `${f.browser.name} ${f.browser.version}` : null,
            f.mdmDeviceId ?? null,
            user?.id ?? null,
            user?.pseudonymized ?? false,
          ],
        );
        return {
          result: {
            tenantId,
            deviceId,
            credential: credential.token,
            policyPublicKey: t.signing_public_key,
            valueHashKey: bytesToHex(keys.open(t.value_key_sealed, valueKeyAad(tenantId))),
            user,
          },
          // No user id or host name in the audit log: it outlives devices and cannot be edited.
          audit: {
            actor: `enrollment:${tokenId}`,
            action: 'device.enroll',
            target: `device:${deviceId}`,
            details: { agent: f.agent, os: f.os },
          },
        };
      });
      return reply.code(201).send(out);
    },
  );

  app.post(
    '/v1/device/rotate',
    {
      schema: {
        tags: ['device'],
        summary: "Rotate the calling device's credential; the presented one works until the new one is first used",
        security: SECURITY,
        response: { 200: RotateResponse, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId, deviceId, credentialHash: presented } = deviceOf(req);
      const next = mintCredential('dld', tenantId);
      const rows = await db.query(
        `UPDATE devices SET credential_hash = $3, prev_credential_hash = $4
          WHERE tenant_id = $1 AND device_id = $2 AND revoked_at IS NULL RETURNING device_id`,
        [tenantId, deviceId, next.hash, presented],
      );
      if (rows.length === 0) throw notFound('Device');
      return { deviceId, credential: next.token };
    },
  );

  app.get(
    '/v1/policy',
    {
      schema: {
        tags: ['device'],
        summary: "The tenant's current signed policy; send If-None-Match with the last ETag to get 304",
        security: SECURITY,
        response: { 200: SignedPolicy, 304: z.null().describe('Not modified: the ETag still matches'), 404: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId } = deviceOf(req);
      const p = await currentPolicy(db, tenantId);
      if (!p) throw notFound('Policy');
      const etag = `"${p.version}-${sha256Hex(p.envelope).slice(0, 16)}"`;
      reply.header('etag', etag).header('cache-control', 'no-cache');
      if (etagMatches(req.headers['if-none-match'], etag)) return reply.code(304).send(null);
      // The stored canonical text is sent as is: exactly the bytes that were signed.
      return reply.type('application/json; charset=utf-8').send(p.envelope as never);
    },
  );

  app.get(
    '/v1/device/directory',
    {
      schema: {
        tags: ['device'],
        summary: "The directory groups (SCIM) of this device's user, for policy rules that target groups",
        security: SECURITY,
        response: { 200: DeviceDirectory, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId, userId } = deviceOf(req);
      if (!userId) return { groups: [], provisioned: false };
      // The same user id as the device's (lower-cased, or the tenant's pseudonym) keys the directory.
      const [row] = await db.query<{ groups: string[] | null; active: boolean }>(
        `SELECT groups, active FROM directory_users WHERE tenant_id = $1 AND user_id = $2`,
        [tenantId, userId],
      );
      if (!row || !row.active) return { groups: [], provisioned: false };
      return { groups: [...new Set(row.groups ?? [])].sort(), provisioned: true };
    },
  );

  app.post(
    '/v1/device/heartbeat',
    {
      onRequest: async (req) => {
        const r = await heartbeatLimit(req);
        if (!r.isAllowed && r.isExceeded) {
          const s = Math.max(1, r.ttlInSeconds);
          throw new ApiError(429, 'rate_limited', `Too many requests: retry after ${s} s.`, { 'retry-after': String(s) });
        }
      },
      schema: {
        tags: ['device'],
        summary: "Report the device's coverage (extension adapters, browsers, agent); the newest per device is kept",
        security: SECURITY,
        body: Heartbeat,
        response: { 200: HeartbeatResponse, 429: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId, deviceId } = deviceOf(req);
      // Keep the newest by the device's own clock: a queued heartbeat delivered late must not
      // replace a fresher one. last_seen_at moves on every heartbeat.
      const rows = await db.query<{ received_at: Date; stored: boolean }>(
        `WITH seen AS (
           UPDATE devices SET last_seen_at = now() WHERE tenant_id = $1 AND device_id = $2 RETURNING device_id
         ), up AS (
           INSERT INTO device_heartbeats (tenant_id, device_id, at, body)
           SELECT $1, device_id, $3, $4::jsonb FROM seen
           ON CONFLICT (tenant_id, device_id) DO UPDATE SET at = excluded.at, body = excluded.body, received_at = now()
             WHERE device_heartbeats.at <= excluded.at
           RETURNING received_at
         )
         SELECT coalesce((SELECT received_at FROM up), now()) AS received_at, EXISTS (SELECT 1 FROM up) AS stored`,
        [tenantId, deviceId, req.body.at, JSON.stringify(req.body)],
      );
      const r = rows[0]!;
      return { receivedAt: iso(r.received_at), stored: r.stored };
    },
  );
}

/** RFC 9110 If-None-Match: `*` or a list of (possibly weak) entity tags. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
