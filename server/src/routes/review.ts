import { randomUUID } from 'node:crypto';
import { ErrorResponse } from '../../../shared/contracts/errors.ts';
import {
  ApproveRequest,
  ApproveResponse,
  DenyRequest,
  DenyResponse,
  DeviceNoticeList,
  DeviceNoticeQuery,
  ExceptionParams,
  GrantedExceptionList,
  RevokeExceptionResponse,
  ReviewList,
  ReviewParams,
  ReviewQuery,
  type ReviewItem,
  type ReviewStatus,
} from '../../../shared/contracts/review.ts';
import { PolicyDocument, PolicyException } from '../../../shared/policy/schema.ts';
import type { RouteContext, ZApp } from '../app.ts';
import { adminOf, deviceOf } from '../auth/plugin.ts';
import { ApiError, conflict, notFound } from '../errors.ts';
import { appendAudit, lockTenant } from '../services/audit.ts';
import { currentPolicy, publishPolicy } from '../services/policy.ts';
import { AUTH_ERRORS, iso, SECURITY } from './util.ts';

type Tx = Parameters<Parameters<RouteContext['db']['transaction']>[0]>[0];

type ReviewRow = {
  review_id: string;
  status: ReviewStatus;
  at: Date;
  received_at: Date;
  device_id: string;
  event_id: string;
  user_id: string | null;
  app: string;
  host: string;
  action: string;
  decision: string;
  data_types: { type: string; count: number }[] | string;
  text: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  exception_id: string | null;
  message: string | null;
  note: string | null;
};

const COLUMNS = `review_id, status, at, received_at, device_id, event_id, user_id, app, host, action, decision, data_types, text,
                 decided_by, decided_at, exception_id, message, note`;

const item = (r: ReviewRow): ReviewItem => ({
  id: r.review_id,
  status: r.status,
  at: iso(r.at),
  receivedAt: iso(r.received_at),
  deviceId: r.device_id,
  eventId: r.event_id,
  userId: r.user_id,
  app: r.app,
  host: r.host,
  action: r.action,
  decision: r.decision,
  dataTypes: typeof r.data_types === 'string' ? (JSON.parse(r.data_types) as ReviewItem['dataTypes']) : r.data_types,
  text: r.text,
  decidedBy: r.decided_by,
  decidedAt: iso(r.decided_at),
  exceptionId: r.exception_id,
  message: r.message,
  note: r.note,
});

/** The exception id granted for a review: stable, so a retried approval cannot grant twice. */
export const exceptionIdFor = (reviewId: string) => `jit-${reviewId.replace(/-/g, '')}`;

/** The pending item, locked for the rest of the transaction; 404 when absent, 409 when decided. */
async function pendingItem(tx: Tx, tenantId: string, reviewId: string): Promise<ReviewRow> {
  const [row] = await tx.query<ReviewRow>(
    `SELECT ${COLUMNS} FROM justification_reviews WHERE tenant_id = $1 AND review_id = $2 FOR UPDATE`,
    [tenantId, reviewId],
  );
  if (!row) throw notFound('Justification');
  if (row.status !== 'pending') throw conflict(`This justification was already ${row.status}.`);
  return row;
}

async function notify(tx: Tx, tenantId: string, row: ReviewRow, kind: string, message: string): Promise<void> {
  // To every device of the user when the event named one, else to the device that sent it.
  await tx.query(
    `INSERT INTO device_notices (tenant_id, notice_id, user_id, device_id, kind, app, message) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [tenantId, randomUUID(), row.user_id, row.user_id === null ? row.device_id : null, kind, row.app, message],
  );
}

/** Justification review queue (admins) and the notices it sends back (devices). */
export function reviewRoutes(app: ZApp, { db, keys, now }: RouteContext): void {
  app.get(
    '/v1/justifications',
    {
      schema: {
        tags: ['review'],
        summary: 'The justification review queue, newest first',
        security: SECURITY,
        querystring: ReviewQuery,
        response: { 200: ReviewList, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId } = adminOf(req);
      const { status, after, limit } = req.query;
      const rows = await db.query<ReviewRow>(
        `SELECT ${COLUMNS} FROM justification_reviews r
          WHERE r.tenant_id = $1 AND r.status = $2
            AND ($3::uuid IS NULL OR (r.received_at, r.review_id) <
                 (SELECT c.received_at, c.review_id FROM justification_reviews c WHERE c.tenant_id = $1 AND c.review_id = $3::uuid))
          ORDER BY r.received_at DESC, r.review_id DESC LIMIT $4`,
        [tenantId, status, after ?? null, limit + 1],
      );
      const page = rows.slice(0, limit);
      return { items: page.map(item), next: rows.length > limit ? page.at(-1)!.review_id : null };
    },
  );

  app.post(
    '/v1/justifications/:id/approve',
    {
      schema: {
        tags: ['review'],
        summary: 'Approve: grant a time-limited exception (user or group, app, data types) and publish it in a new policy version',
        security: SECURITY,
        params: ReviewParams,
        body: ApproveRequest,
        response: { 200: ApproveResponse, 404: ErrorResponse, 409: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId, actor } = adminOf(req);
      const b = req.body;
      const at = now();
      return db.transaction(async (tx) => {
        await lockTenant(tx, tenantId);
        const row = await pendingItem(tx, tenantId, req.params.id);
        if (b.scope === 'user' && row.user_id === null)
          throw new ApiError(400, 'bad_request', 'The device that sent this justification has no user: approve for a group instead.');
        const eventTypes = item(row).dataTypes.map((d) => d.type);
        const types = b.dataTypes ?? eventTypes;
        const until = new Date(at.getTime() + b.durationMinutes * 60_000).toISOString();
        const exception = PolicyException.parse({
          id: exceptionIdFor(row.review_id),
          ...(b.scope === 'user' ? { users: [row.user_id] } : { groups: [b.group] }),
          apps: [row.app],
          ...(types.length ? { types } : {}),
          until,
          reason: (b.note ?? row.text ?? `Justification ${row.review_id}`).slice(0, 2000),
        });
        await tx.query(
          `INSERT INTO policy_exceptions (tenant_id, exception_id, review_id, body, until, created_by, created_at)
           VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)`,
          [tenantId, exception.id, row.review_id, JSON.stringify(exception), until, actor, at.toISOString()],
        );
        const cur = await currentPolicy(tx, tenantId);
        const doc = cur ? PolicyDocument.parse((JSON.parse(cur.envelope) as { policy: unknown }).policy) : undefined;
        if (!doc) throw conflict('The tenant has no policy to carry the exception.');
        const signed = await publishPolicy(tx, keys, tenantId, doc, actor, cur!.version, at);
        const [updated] = await tx.query<ReviewRow>(
          `UPDATE justification_reviews SET status = 'approved', decided_by = $3, decided_at = $4, exception_id = $5, note = $6
            WHERE tenant_id = $1 AND review_id = $2 RETURNING ${COLUMNS}`,
          [tenantId, row.review_id, actor, at.toISOString(), exception.id, b.note ?? null],
        );
        await notify(tx, tenantId, row, 'justification_approved', `Approved until ${until}${b.note ? `: ${b.note}` : '.'}`);
        await appendAudit(tx, tenantId, {
          actor,
          action: 'justification.approve',
          target: `justification:${row.review_id}`,
          details: {
            exception: exception.id,
            scope: b.scope,
            ...(b.group ? { group: b.group } : {}),
            app: row.app,
            types,
            until,
            policyVersion: signed.version,
          },
        });
        return { item: item(updated!), exception, policyVersion: signed.version };
      });
    },
  );

  app.post(
    '/v1/justifications/:id/deny',
    {
      schema: {
        tags: ['review'],
        summary: "Deny, with a message shown on the user's devices",
        security: SECURITY,
        params: ReviewParams,
        body: DenyRequest,
        response: { 200: DenyResponse, 404: ErrorResponse, 409: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId, actor } = adminOf(req);
      const at = now();
      return db.transaction(async (tx) => {
        await lockTenant(tx, tenantId);
        const row = await pendingItem(tx, tenantId, req.params.id);
        const [updated] = await tx.query<ReviewRow>(
          `UPDATE justification_reviews SET status = 'denied', decided_by = $3, decided_at = $4, message = $5
            WHERE tenant_id = $1 AND review_id = $2 RETURNING ${COLUMNS}`,
          [tenantId, row.review_id, actor, at.toISOString(), req.body.message],
        );
        await notify(tx, tenantId, row, 'justification_denied', req.body.message);
        // The message is the reviewer's words to the user, kept in the queue; the chain records the decision.
        await appendAudit(tx, tenantId, {
          actor,
          action: 'justification.deny',
          target: `justification:${row.review_id}`,
          details: { app: row.app },
        });
        return { item: item(updated!) };
      });
    },
  );

  app.get(
    '/v1/exceptions',
    {
      schema: {
        tags: ['review'],
        summary: 'Exceptions reviewers granted that have not expired',
        security: SECURITY,
        response: { 200: GrantedExceptionList, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId } = adminOf(req);
      const rows = await db.query<{ body: unknown; review_id: string | null; created_by: string; created_at: Date }>(
        `SELECT body, review_id, created_by, created_at FROM policy_exceptions WHERE tenant_id = $1 AND until > $2
          ORDER BY created_at, exception_id LIMIT 10000`,
        [tenantId, now().toISOString()],
      );
      return {
        exceptions: rows.map((r) => ({
          ...PolicyException.parse(typeof r.body === 'string' ? JSON.parse(r.body) : r.body),
          reviewId: r.review_id,
          createdBy: r.created_by,
          createdAt: iso(r.created_at),
        })),
      };
    },
  );

  app.delete(
    '/v1/exceptions/:id',
    {
      schema: {
        tags: ['review'],
        summary: 'End an exception now: publishes a policy version without it',
        security: SECURITY,
        params: ExceptionParams,
        response: { 200: RevokeExceptionResponse, 404: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId, actor } = adminOf(req);
      const at = now();
      const id = req.params.id;
      return db.transaction(async (tx) => {
        await lockTenant(tx, tenantId);
        const granted = await tx.query(
          'UPDATE policy_exceptions SET until = $3 WHERE tenant_id = $1 AND exception_id = $2 AND until > $3 RETURNING exception_id',
          [tenantId, id, at.toISOString()],
        );
        const cur = await currentPolicy(tx, tenantId);
        const doc = cur ? PolicyDocument.parse((JSON.parse(cur.envelope) as { policy: unknown }).policy) : undefined;
        const inDoc = doc?.exceptions.some((e) => e.id === id && Date.parse(e.until) > at.getTime()) ?? false;
        if (!granted.length && !inDoc) throw notFound('Exception');
        const signed = await publishPolicy(
          tx,
          keys,
          tenantId,
          { ...doc!, exceptions: doc!.exceptions.filter((e) => e.id !== id) },
          actor,
          cur!.version,
          at,
        );
        await appendAudit(tx, tenantId, {
          actor,
          action: 'exception.revoke',
          target: `exception:${id}`,
          details: { policyVersion: signed.version },
        });
        return { id, policyVersion: signed.version };
      });
    },
  );

  app.get(
    '/v1/device/notices',
    {
      schema: {
        tags: ['device'],
        summary: "Messages for this device's user (justification decisions) after seq `after`, oldest first",
        security: SECURITY,
        querystring: DeviceNoticeQuery,
        response: { 200: DeviceNoticeList, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId, deviceId, userId } = deviceOf(req);
      const rows = await db.query<{
        notice_id: string;
        seq: string | number;
        kind: string;
        app: string | null;
        message: string;
        created_at: Date;
      }>(
        `SELECT notice_id, seq, kind, app, message, created_at FROM device_notices
          WHERE tenant_id = $1 AND seq > $2 AND (device_id = $3 OR ($4::text IS NOT NULL AND user_id = $4::text))
            AND created_at > now() - interval '30 days'
          ORDER BY seq LIMIT 100`,
        [tenantId, req.query.after, deviceId, userId],
      );
      return {
        notices: rows.map((r) => ({
          id: r.notice_id,
          seq: Number(r.seq),
          kind: r.kind as 'justification_denied',
          app: r.app,
          message: r.message,
          createdAt: iso(r.created_at),
        })),
      };
    },
  );
}
