import type { FastifyReply } from 'fastify';
import {
  AppReportQuery,
  AppUsageReport,
  DataEventsReport,
  DayUsageReport,
  DECISIONS,
  GroupUsageReport,
  JustificationPage,
  JustificationQuery,
  ReportQuery,
  TopQuery,
  UserUsageReport,
  type DecisionCounts,
} from '../../../shared/contracts/reports.ts';
import type { RouteContext, ZApp } from '../app.ts';
import { adminOf } from '../auth/plugin.ts';
import {
  dataEvents,
  justifications,
  resolveRange,
  usageByApp,
  usageByDay,
  usageByGroup,
  usageByUser,
  type Range,
} from '../services/reports.ts';
import { toCsv, type CsvCell } from './csv.ts';
import { AUTH_ERRORS, SECURITY } from './util.ts';

const decisionCells = (d: DecisionCounts): CsvCell[] => DECISIONS.map((k) => d[k]);

/** Answers JSON, or with `?format=csv` the same rows as a CSV download. */
export function answer<T extends Range>(
  reply: FastifyReply,
  format: 'json' | 'csv',
  name: string,
  body: T,
  csv: (b: T) => { header: string[]; rows: CsvCell[][] },
) {
  if (format === 'json') return body;
  const { header, rows } = csv(body);
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="daylight-${name}-${body.from}-${body.to}.csv"`)
    .send(toCsv(header, rows) as never);
}

const CSV_DOC = 'With `format=csv`: the rows as CSV (text/csv, RFC 4180).';

/** Reports over the rollups (services/reports.ts), JSON or CSV. */
export function reportRoutes(app: ZApp, { db }: RouteContext): void {
  app.get(
    '/v1/reports/usage/apps',
    {
      schema: {
        tags: ['reports'],
        summary: 'Usage by app, sanctioned or not under the current policy',
        description: CSV_DOC,
        security: SECURITY,
        querystring: AppReportQuery,
        response: { 200: AppUsageReport, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId } = adminOf(req);
      const q = req.query;
      const range = resolveRange(q);
      const sanctioned = q.sanctioned === undefined ? undefined : q.sanctioned === 'true';
      const out = { ...range, ...(await usageByApp(db, tenantId, range, { limit: q.limit, sanctioned })) };
      return answer(reply, q.format, 'apps', out, (b) => ({
        header: ['app', 'name', 'category', 'status', 'sanctioned', 'events', 'visits', ...DECISIONS],
        rows: b.rows.map((r) => [r.app, r.name, r.category, r.status, r.sanctioned, r.events, r.visits, ...decisionCells(r.decisions)]),
      }));
    },
  );

  const userCsv = (b: { rows: Awaited<ReturnType<typeof usageByUser>> }) => ({
    header: ['user', 'display_name', 'department', 'events', 'sensitive', ...DECISIONS],
    rows: b.rows.map((r) => [r.userId, r.displayName, r.department, r.events, r.sensitive, ...decisionCells(r.decisions)]),
  });

  app.get(
    '/v1/reports/usage/users',
    {
      schema: {
        tags: ['reports'],
        summary: 'Usage by user, most events first',
        description: CSV_DOC,
        security: SECURITY,
        querystring: ReportQuery,
        response: { 200: UserUsageReport, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId } = adminOf(req);
      const range = resolveRange(req.query);
      const rows = await usageByUser(db, tenantId, range, { limit: req.query.limit, rank: 'events' });
      return answer(reply, req.query.format, 'users', { ...range, rows }, userCsv);
    },
  );

  app.get(
    '/v1/reports/usage/groups',
    {
      schema: {
        tags: ['reports'],
        summary: 'Usage by directory group (directory_users); users in no group under null',
        description: CSV_DOC,
        security: SECURITY,
        querystring: ReportQuery,
        response: { 200: GroupUsageReport, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId } = adminOf(req);
      const range = resolveRange(req.query);
      const rows = await usageByGroup(db, tenantId, range, { limit: req.query.limit });
      return answer(reply, req.query.format, 'groups', { ...range, rows }, (b) => ({
        header: ['group', 'users', 'events', 'sensitive', ...DECISIONS],
        rows: b.rows.map((r) => [r.group, r.users, r.events, r.sensitive, ...decisionCells(r.decisions)]),
      }));
    },
  );

  app.get(
    '/v1/reports/usage/days',
    {
      schema: {
        tags: ['reports'],
        summary: 'Usage per day (UTC days), sanctioned and unsanctioned',
        description: CSV_DOC,
        security: SECURITY,
        querystring: ReportQuery,
        response: { 200: DayUsageReport, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId } = adminOf(req);
      const range = resolveRange(req.query);
      const rows = await usageByDay(db, tenantId, range);
      return answer(reply, req.query.format, 'days', { ...range, rows }, (b) => ({
        header: ['day', 'events', 'sanctioned', 'unsanctioned', 'sensitive', ...DECISIONS],
        rows: b.rows.map((r) => [r.day, r.events, r.sanctioned, r.unsanctioned, r.sensitive, ...decisionCells(r.decisions)]),
      }));
    },
  );

  app.get(
    '/v1/reports/data',
    {
      schema: {
        tags: ['reports'],
        summary: 'Sensitive-data events by finding type and decision',
        description: CSV_DOC,
        security: SECURITY,
        querystring: ReportQuery,
        response: { 200: DataEventsReport, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId } = adminOf(req);
      const range = resolveRange(req.query);
      const rows = await dataEvents(db, tenantId, range, { limit: req.query.limit });
      return answer(reply, req.query.format, 'data', { ...range, rows }, (b) => ({
        header: ['type', 'decision', 'events', 'matches'],
        rows: b.rows.map((r) => [r.type, r.decision, r.events, r.matches]),
      }));
    },
  );

  app.get(
    '/v1/reports/top-users',
    {
      schema: {
        tags: ['reports'],
        summary: 'Users with the most sensitive-data events (then most events)',
        description: CSV_DOC,
        security: SECURITY,
        querystring: TopQuery,
        response: { 200: UserUsageReport, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId } = adminOf(req);
      const range = resolveRange(req.query);
      const rows = await usageByUser(db, tenantId, range, { limit: req.query.limit, rank: 'sensitive' });
      return answer(reply, req.query.format, 'top-users', { ...range, rows }, userCsv);
    },
  );

  app.get(
    '/v1/reports/top-apps',
    {
      schema: {
        tags: ['reports'],
        summary: 'Apps with the most events',
        description: CSV_DOC,
        security: SECURITY,
        querystring: TopQuery,
        response: { 200: AppUsageReport, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId } = adminOf(req);
      const range = resolveRange(req.query);
      const out = { ...range, ...(await usageByApp(db, tenantId, range, { limit: req.query.limit })) };
      return answer(reply, req.query.format, 'top-apps', out, (b) => ({
        header: ['app', 'name', 'category', 'status', 'sanctioned', 'events', 'visits', ...DECISIONS],
        rows: b.rows.map((r) => [r.app, r.name, r.category, r.status, r.sanctioned, r.events, r.visits, ...decisionCells(r.decisions)]),
      }));
    },
  );

  app.get(
    '/v1/reports/justifications',
    {
      schema: {
        tags: ['reports'],
        summary: 'Justifications users gave, newest first, paged',
        description: CSV_DOC,
        security: SECURITY,
        querystring: JustificationQuery,
        response: { 200: JustificationPage, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId } = adminOf(req);
      const range = resolveRange(req.query);
      const page = await justifications(db, tenantId, range, { limit: req.query.limit, after: req.query.after });
      if (page.next) reply.header('x-next-cursor', page.next);
      return answer(reply, req.query.format, 'justifications', { ...range, ...page }, (b) => ({
        header: ['at', 'user', 'app', 'host', 'action', 'decision', 'data_types', 'justification', 'device', 'event'],
        rows: b.rows.map((r) => [
          r.at,
          r.userId,
          r.app,
          r.host,
          r.action,
          r.decision,
          r.dataTypes.map((d) => `${d.type}:${d.count}`).join(' '),
          r.justification,
          r.deviceId,
          r.eventId,
        ]),
      }));
    },
  );
}
