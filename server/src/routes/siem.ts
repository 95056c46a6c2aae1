import { randomUUID } from 'node:crypto';
import { type z } from 'zod';
import { IdParams } from '../../../shared/contracts/admin.ts';
import { ErrorResponse } from '../../../shared/contracts/errors.ts';
import {
  CreateDestinationRequest,
  DeadLetterPage,
  DeadLetterQuery,
  DESTINATION_SCHEMAS,
  DestinationInfo,
  DestinationList,
  DestinationTestResponse,
  RequeueRequest,
  RequeueResponse,
  UpdateDestinationRequest,
} from '../../../shared/contracts/siem.ts';
import type { RouteContext, ZApp } from '../app.ts';
import { adminOf } from '../auth/plugin.ts';
import { ApiError, notFound } from '../errors.ts';
import { audited } from '../services/audit.ts';
import { configOf, destinationColumns, listDestinations, sealSecret, type DestinationRow } from '../services/siem/destinations.ts';
import { recordId } from '../services/siem/outbox.ts';
import type { SiemWorker } from '../services/siem/worker.ts';
import { AUTH_ERRORS, iso, SECURITY } from './util.ts';

/** What the audit log keeps of a config: everything but CA bundles (long, and not interesting). */
const auditConfig = (c: Record<string, unknown>) => Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'caPem'));

function zodMessage(where: string, e: z.ZodError): string {
  return `Invalid ${where}: ${e.issues
    .slice(0, 10)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ')}`;
}

/** SIEM destinations, dead letters, requeue (docs/siem.md). */
export function siemRoutes(app: ZApp, { db, keys }: RouteContext, worker: SiemWorker): void {
  const one = async (tenantId: string, id: string) => {
    const [d] = await listDestinations(db, tenantId, id);
    if (!d) throw notFound('Destination');
    return d;
  };

  app.get(
    '/v1/siem/destinations',
    {
      schema: {
        tags: ['siem'],
        summary: 'SIEM destinations with delivery status',
        security: SECURITY,
        response: { 200: DestinationList, ...AUTH_ERRORS },
      },
    },
    async (req) => ({ destinations: await listDestinations(db, adminOf(req).tenantId) }),
  );

  app.get(
    '/v1/siem/destinations/:id',
    {
      schema: {
        tags: ['siem'],
        summary: 'One SIEM destination with its delivery status (lag, errors, dead letters)',
        security: SECURITY,
        params: IdParams,
        response: { 200: DestinationInfo, 404: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req) => one(adminOf(req).tenantId, req.params.id),
  );

  app.post(
    '/v1/siem/destinations',
    {
      schema: {
        tags: ['siem'],
        summary: 'Add a SIEM destination (Splunk HEC, Sentinel, webhook, syslog); its secret is sealed and never shown again',
        security: SECURITY,
        body: CreateDestinationRequest,
        response: { 201: DestinationInfo, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId, actor } = adminOf(req);
      const b = req.body;
      const id = randomUUID();
      await audited(db, tenantId, async (tx) => {
        // Starts at the current snapshot: records from now on (docs/siem.md).
        await tx.query(
          `INSERT INTO siem_destinations (tenant_id, destination_id, name, kind, config, secret_sealed, enabled, cursor_xid)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, pg_snapshot_xmin(pg_current_snapshot()))`,
          [
            tenantId,
            id,
            b.name,
            b.kind,
            JSON.stringify(b.config),
            'secret' in b ? sealSecret(keys, tenantId, id, b.secret) : null,
            b.enabled,
          ],
        );
        return {
          result: null,
          audit: {
            actor,
            action: 'siem_destination.create',
            target: `siem_destination:${id}`,
            details: { name: b.name, kind: b.kind, config: auditConfig(b.config) },
          },
        };
      });
      return reply.code(201).send(await one(tenantId, id));
    },
  );

  app.patch(
    '/v1/siem/destinations/:id',
    {
      schema: {
        tags: ['siem'],
        summary: 'Change a destination: name, enabled, config (whole), secret (whole)',
        security: SECURITY,
        params: IdParams,
        body: UpdateDestinationRequest,
        response: { 200: DestinationInfo, 404: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId, actor } = adminOf(req);
      const id = req.params.id;
      const b = req.body;
      await audited(db, tenantId, async (tx) => {
        const [d] = await tx.query<DestinationRow>(
          `SELECT ${destinationColumns()} FROM siem_destinations WHERE tenant_id = $1 AND destination_id = $2 FOR UPDATE`,
          [tenantId, id],
        );
        if (!d) throw notFound('Destination');
        const schemas = DESTINATION_SCHEMAS[d.kind];
        let config = configOf(d);
        if (b.config) {
          const p = schemas.config.safeParse(b.config);
          if (!p.success) throw new ApiError(400, 'bad_request', zodMessage('body.config', p.error));
          config = p.data as Record<string, unknown>;
        }
        let sealed = d.secret_sealed;
        if (b.secret) {
          if (!schemas.secret) throw new ApiError(400, 'bad_request', `Invalid body.secret: a ${d.kind} destination has no secret.`);
          const p = schemas.secret.safeParse(b.secret);
          if (!p.success) throw new ApiError(400, 'bad_request', zodMessage('body.secret', p.error));
          sealed = sealSecret(keys, tenantId, id, p.data);
        }
        await tx.query(
          `UPDATE siem_destinations SET name = $3, enabled = $4, config = $5::jsonb, secret_sealed = $6, updated_at = now(),
                  attempts = 0, next_attempt_at = now()
            WHERE tenant_id = $1 AND destination_id = $2`,
          [tenantId, id, b.name ?? d.name, b.enabled ?? d.enabled, JSON.stringify(config), sealed],
        );
        return {
          result: null,
          audit: {
            actor,
            action: 'siem_destination.update',
            target: `siem_destination:${id}`,
            details: {
              ...(b.name !== undefined ? { name: b.name } : {}),
              ...(b.enabled !== undefined ? { enabled: b.enabled } : {}),
              ...(b.config ? { config: auditConfig(config) } : {}),
              ...(b.secret ? { secretChanged: true } : {}),
            },
          },
        };
      });
      worker.forget(id);
      return one(tenantId, id);
    },
  );

  app.delete(
    '/v1/siem/destinations/:id',
    {
      schema: {
        tags: ['siem'],
        summary: 'Remove a destination (and its dead letters)',
        security: SECURITY,
        params: IdParams,
        response: { 200: DestinationInfo, 404: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId, actor } = adminOf(req);
      const id = req.params.id;
      const before = await one(tenantId, id);
      await audited(db, tenantId, async (tx) => {
        const gone = await tx.query('DELETE FROM siem_destinations WHERE tenant_id = $1 AND destination_id = $2 RETURNING destination_id', [
          tenantId,
          id,
        ]);
        if (gone.length === 0) throw notFound('Destination');
        // Without destinations the outbox is not needed; with others, what none of them still needs goes.
        await tx.query(
          `DELETE FROM siem_outbox o WHERE o.tenant_id = $1 AND NOT EXISTS (
             SELECT 1 FROM siem_destinations d WHERE d.tenant_id = $1 AND (o.xid, o.seq) > (d.cursor_xid, d.cursor_seq))`,
          [tenantId],
        );
        return {
          result: null,
          audit: {
            actor,
            action: 'siem_destination.delete',
            target: `siem_destination:${id}`,
            details: { name: before.name, kind: before.kind },
          },
        };
      });
      worker.forget(id);
      return before;
    },
  );

  app.post(
    '/v1/siem/destinations/:id/test',
    {
      schema: {
        tags: ['siem'],
        summary: 'Send one test record to the destination now and answer how it went',
        security: SECURITY,
        params: IdParams,
        response: { 200: DestinationTestResponse, 404: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId, actor } = adminOf(req);
      const [d] = await db.query<DestinationRow>(
        `SELECT ${destinationColumns()} FROM siem_destinations WHERE tenant_id = $1 AND destination_id = $2`,
        [tenantId, req.params.id],
      );
      if (!d) throw notFound('Destination');
      const id = `test:${randomUUID()}`;
      const r = await worker.send(d, [{ kind: 'test', id, time: new Date() }]);
      const error = r.ok ? null : r.error;
      await audited(db, tenantId, async () => ({
        result: null,
        audit: { actor, action: 'siem_destination.test', target: `siem_destination:${d.destination_id}`, details: { ok: r.ok, error } },
      }));
      return { ok: r.ok, error, id };
    },
  );

  app.get(
    '/v1/siem/destinations/:id/dead-letters',
    {
      schema: {
        tags: ['siem'],
        summary: 'Records the destination gave up on, oldest first (paged by seq)',
        security: SECURITY,
        params: IdParams,
        querystring: DeadLetterQuery,
        response: { 200: DeadLetterPage, 404: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId } = adminOf(req);
      await one(tenantId, req.params.id);
      const rows = await db.query<{
        seq: string;
        kind: 'event' | 'alert' | 'audit';
        device_id: string | null;
        ref: string;
        created_at: Date;
        dead_at: Date;
        attempts: number;
        error: string;
        requeued_at: Date | null;
      }>(
        `SELECT x.seq::text AS seq, x.kind, x.device_id, x.ref, x.created_at, x.dead_at, x.attempts, x.error, x.requeued_at
           FROM siem_dead_letters x
          WHERE x.tenant_id = $1 AND x.destination_id = $2 AND x.seq > $3 ORDER BY x.seq LIMIT $4`,
        [tenantId, req.params.id, req.query.after ?? 0, req.query.limit + 1],
      );
      const page = rows.slice(0, req.query.limit);
      return {
        deadLetters: page.map((r) => ({
          seq: Number(r.seq),
          kind: r.kind,
          id: recordId(r),
          createdAt: iso(r.created_at),
          deadAt: iso(r.dead_at),
          attempts: r.attempts,
          error: r.error,
          requeuedAt: iso(r.requeued_at),
        })),
        next: rows.length > req.query.limit ? Number(page[page.length - 1]!.seq) : null,
      };
    },
  );

  app.post(
    '/v1/siem/destinations/:id/requeue',
    {
      schema: {
        tags: ['siem'],
        summary: 'Send dead letters again (the given seqs, or all), before new records',
        security: SECURITY,
        params: IdParams,
        body: RequeueRequest,
        response: { 200: RequeueResponse, 404: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId, actor } = adminOf(req);
      const id = req.params.id;
      const requeued = await audited(db, tenantId, async (tx) => {
        const [d] = await tx.query('SELECT 1 FROM siem_destinations WHERE tenant_id = $1 AND destination_id = $2', [tenantId, id]);
        if (!d) throw notFound('Destination');
        const rows = await tx.query(
          `UPDATE siem_dead_letters SET requeued_at = now()
            WHERE tenant_id = $1 AND destination_id = $2 AND requeued_at IS NULL AND ($3::bigint[] IS NULL OR seq = ANY($3::bigint[]))
            RETURNING seq`,
          [tenantId, id, req.body.seqs ?? null],
        );
        await tx.query('UPDATE siem_destinations SET next_attempt_at = now(), attempts = 0 WHERE tenant_id = $1 AND destination_id = $2', [
          tenantId,
          id,
        ]);
        return {
          result: rows.length,
          audit: { actor, action: 'siem_destination.requeue', target: `siem_destination:${id}`, details: { requeued: rows.length } },
        };
      });
      return { requeued };
    },
  );
}
