import { AuditPage, AuditQuery, AuditVerifyResponse } from '../../../shared/contracts/audit.ts';
import type { RouteContext, ZApp } from '../app.ts';
import { adminOf } from '../auth/plugin.ts';
import { readAudit, verifyAuditChain } from '../services/audit.ts';
import { AUTH_ERRORS, SECURITY } from './util.ts';

/** Audit log export and chain verification (read-only: nothing here is itself audited). */
export function auditRoutes(app: ZApp, { db }: RouteContext): void {
  app.get(
    '/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Export the audit log in chain order, a page at a time',
        security: SECURITY,
        querystring: AuditQuery,
        response: { 200: AuditPage, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId } = adminOf(req);
      const records = await readAudit(db, tenantId, req.query.after, req.query.limit);
      const last = records.at(-1);
      return { records, next: records.length === req.query.limit && last ? last.seq : null };
    },
  );

  app.get(
    '/v1/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: "Recompute the tenant's hash chain; names the first broken link",
        security: SECURITY,
        response: { 200: AuditVerifyResponse, ...AUTH_ERRORS },
      },
    },
    async (req) => verifyAuditChain(db, adminOf(req).tenantId),
  );
}
