import { ErrorResponse } from '../../../shared/contracts/errors.ts';
import { PolicyVersionList, PolicyVersionParams, PublishPolicyRequest, SignedPolicy } from '../../../shared/contracts/policy.ts';
import type { RouteContext, ZApp } from '../app.ts';
import { adminOf } from '../auth/plugin.ts';
import { notFound } from '../errors.ts';
import { publishPolicy } from '../services/policy.ts';
import { AUTH_ERRORS, iso, SECURITY } from './util.ts';

/** Policies may carry large tenant detectors (keyword lists, exact-data-match hashes). */
export const POLICY_BODY_LIMIT = 16 * 1024 * 1024;

/** Admin side of policies: list versions, read one, publish the next. */
export function policyRoutes(app: ZApp, { db, keys, now }: RouteContext): void {
  app.get(
    '/v1/policies',
    {
      schema: {
        tags: ['policy'],
        summary: 'Published versions, newest first (last 100)',
        security: SECURITY,
        response: { 200: PolicyVersionList, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId } = adminOf(req);
      const rows = await db.query<{ version: number; issued_at: Date; created_by: string }>(
        'SELECT version, issued_at, created_by FROM policies WHERE tenant_id = $1 ORDER BY version DESC LIMIT 100',
        [tenantId],
      );
      return {
        current: rows[0]?.version ?? 0,
        versions: rows.map((r) => ({ version: r.version, issuedAt: iso(r.issued_at), createdBy: r.created_by })),
      };
    },
  );

  app.get(
    '/v1/policies/:version',
    {
      schema: {
        tags: ['policy'],
        summary: 'One signed version',
        security: SECURITY,
        params: PolicyVersionParams,
        response: { 200: SignedPolicy, 404: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId } = adminOf(req);
      const [row] = await db.query<{ envelope: string }>('SELECT envelope FROM policies WHERE tenant_id = $1 AND version = $2', [
        tenantId,
        req.params.version,
      ]);
      if (!row) throw notFound('Policy version');
      return reply.type('application/json; charset=utf-8').send(row.envelope as never);
    },
  );

  app.post(
    '/v1/policies',
    {
      bodyLimit: POLICY_BODY_LIMIT,
      schema: {
        tags: ['policy'],
        summary: 'Publish the next policy version, signed with the tenant key',
        security: SECURITY,
        body: PublishPolicyRequest,
        response: { 201: SignedPolicy, 409: ErrorResponse, 413: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId, actor } = adminOf(req);
      const signed = await db.transaction((tx) =>
        publishPolicy(tx, keys, tenantId, req.body.policy, actor, req.body.basedOnVersion, now()),
      );
      return reply.code(201).send(signed);
    },
  );
}
