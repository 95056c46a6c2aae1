import type { FastifyReply } from 'fastify';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppsSeenQuery, AppsSeenReport, DataEventPage, DataEventQuery, MeResponse } from '../../../shared/contracts/dashboard.ts';
import { DECISIONS } from '../../../shared/contracts/reports.ts';
import type { RouteContext, ZApp } from '../app.ts';
import { adminOf } from '../auth/plugin.ts';
import { csrfTokenFor } from '../auth/session.ts';
import { appsSeen, dataEventPage } from '../services/dashboard.ts';
import { resolveRange } from '../services/reports.ts';
import { answer } from './reports.ts';
import { AUTH_ERRORS, SECURITY } from './util.ts';

/** Where `npm run build:web` (server/web/vite.config.ts) puts the dashboard. */
export const WEB_DIR = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The dashboard's own CSP: scripts and styles from this origin only, API calls to this origin only. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

interface WebFile {
  body: Buffer;
  type: string;
}

/** Reads the built dashboard into memory once (a few hundred KB); empty when it was not built. */
function loadWeb(dir: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  if (!existsSync(join(dir, 'index.html'))) return files;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else
        files.set(`/${relative(dir, p).split('\\').join('/')}`, {
          body: readFileSync(p),
          type: TYPES[extname(p)] ?? 'application/octet-stream',
        });
    }
  };
  walk(dir);
  return files;
}

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Daylight</title>
<p>The dashboard is not built. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload.</p></html>`;

/** The dashboard (static files, `/app/*` pages) and the API routes only it needs. */
export function dashboardRoutes(app: ZApp, { db, keys }: RouteContext, webDir = WEB_DIR): void {
  app.get(
    '/v1/auth/me',
    {
      schema: { tags: ['admin'], summary: 'The calling admin or token', security: SECURITY, response: { 200: MeResponse, ...AUTH_ERRORS } },
    },
    async (req, reply) => {
      const p = adminOf(req);
      const adminId = p.actor.startsWith('admin:') ? p.actor.slice('admin:'.length) : null;
      const [row] = await db.query<{ name: string; email: string | null }>(
        `SELECT t.name, a.email FROM tenants t LEFT JOIN admins a ON a.tenant_id = t.tenant_id AND a.admin_id = $2::uuid WHERE t.tenant_id = $1`,
        [p.tenantId, adminId],
      );
      reply.header('cache-control', 'no-store');
      return {
        tenantId: p.tenantId,
        tenantName: row?.name ?? '',
        role: p.role,
        actor: p.actor,
        email: row?.email ?? null,
        csrfToken: p.via === 'cookie' && p.sessionHash ? csrfTokenFor(keys, p.sessionHash) : null,
      };
    },
  );

  app.get(
    '/v1/reports/apps-seen',
    {
      schema: {
        tags: ['reports'],
        summary: 'Every AI app seen in the range: users, first and last day, catalog risk, policy status',
        description: 'With `format=csv`: the rows as CSV (text/csv, RFC 4180).',
        security: SECURITY,
        querystring: AppsSeenQuery,
        response: { 200: AppsSeenReport, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId } = adminOf(req);
      const range = resolveRange(req.query);
      const rows = await appsSeen(db, tenantId, range, { limit: req.query.limit });
      return answer(reply, req.query.format, 'apps-seen', { ...range, rows }, (b) => ({
        header: ['app', 'name', 'vendor', 'category', 'risk', 'status', 'users', 'events', 'first_seen', 'last_seen', ...DECISIONS],
        rows: b.rows.map((r) => [
          r.app,
          r.name,
          r.vendor,
          r.category,
          r.risk,
          r.status,
          r.users,
          r.events,
          r.firstSeen,
          r.lastSeen,
          ...DECISIONS.map((k) => r.decisions[k]),
        ]),
      }));
    },
  );

  app.get(
    '/v1/reports/events',
    {
      schema: {
        tags: ['reports'],
        summary: 'Events that carried sensitive data, newest first, filtered and paged (metadata only)',
        description:
          'Filters: `type`, `app`, `decision`, `user`, `surface`. Paged by `after` (the previous `next`). With `format=csv`: the page as CSV.',
        security: SECURITY,
        querystring: DataEventQuery,
        response: { 200: DataEventPage, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId } = adminOf(req);
      const q = req.query;
      const range = resolveRange(q);
      const page = await dataEventPage(db, tenantId, range, q);
      return answer(reply, q.format, 'events', { ...range, ...page }, (b) => ({
        header: [
          'at',
          'user',
          'app',
          'host',
          'surface',
          'action',
          'decision',
          'data_types',
          'values',
          'text_length',
          'justified',
          'device',
          'hostname',
          'event',
        ],
        rows: b.rows.map((r) => [
          r.at,
          r.userId,
          r.app,
          r.host,
          r.surface,
          r.action,
          r.decision,
          r.dataTypes.map((t) => `${t.type}:${t.count}`).join(' '),
          r.values,
          r.textLength,
          r.justified,
          r.deviceId,
          r.hostname,
          r.eventId,
        ]),
      }));
    },
  );

  // Static dashboard. Every page is the same index.html (client-side routing under /app/).
  const files = loadWeb(webDir);
  const sendIndex = (reply: FastifyReply) => {
    const index = files.get('/index.html');
    return reply
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(index ? index.body : NOT_BUILT);
  };
  const page = { schema: { hide: true } };
  app.get('/', { schema: { tags: ['dashboard'], summary: 'The admin dashboard (redirects to /app/overview)' } }, async (_req, reply) =>
    reply.redirect('/app/overview'),
  );
  // The sign-in link: the token travels in the fragment, which the browser never sends here.
  app.get(
    '/sign-in',
    { schema: { tags: ['dashboard'], summary: 'Sign-in page of the dashboard (the one-time token travels in the URL fragment)' } },
    async (_req, reply) => sendIndex(reply),
  );
  app.get('/app/*', page, async (_req, reply) => sendIndex(reply));
  app.get('/assets/*', page, async (req, reply) => {
    const f = files.get(req.url.split('?')[0]!);
    if (!f) return reply.code(404).type('text/plain').send('Not found');
    // Built asset names carry a content hash: cache for a year.
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .type(f.type)
      .send(f.body);
  });
}
