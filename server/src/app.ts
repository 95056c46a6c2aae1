import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { HealthResponse } from '../../shared/contracts/health.ts';
import { PRODUCT } from '../../shared/version.ts';
import { installAuth } from './auth/plugin.ts';
import { cookieName } from './auth/session.ts';
import type { RateLimits } from './config.ts';
import type { KeyRing } from './crypto.ts';
import type { Db } from './db/db.ts';
import { frameworkError, installErrorHandling } from './errors.ts';
import { adminRoutes } from './routes/admin.ts';
import { auditRoutes } from './routes/audit.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { deviceRoutes } from './routes/device.ts';
import { eventRoutes } from './routes/events.ts';
import { policyRoutes } from './routes/policies.ts';
import { reportRoutes } from './routes/reports.ts';
import { rolloutRoutes } from './routes/rollout.ts';
import { reviewRoutes } from './routes/review.ts';
import { scimRoutes } from './routes/scim.ts';
import { ssoRoutes } from './routes/sso.ts';
import { siemRoutes } from './routes/siem.ts';
import { alertRoutes } from './routes/alerts.ts';
import { AnomalyWorker, type AnomalyWorkerOptions } from './services/anomaly/worker.ts';
import { SiemWorker, type SiemWorkerOptions } from './services/siem/worker.ts';

/** Origins of browser extensions (Chrome, Edge, Firefox, Safari). */
const EXTENSION_ORIGIN = /^(?:chrome-extension|moz-extension|safari-web-extension):\/\/[a-z0-9-]{1,64}$/;

export interface AppOptions {
  db: Db;
  /** Seals and opens tenant keys (see crypto.ts). */
  keys: KeyRing;
  logLevel?: string;
  rateLimits?: RateLimits;
  /** Secure attribute of the session cookie (default true; see config INSECURE_DEV_COOKIES). */
  cookieSecure?: boolean;
  /** MDM rollout kit: PUBLIC_URL (default: the request's origin) and the extension releases directory. */
  rollout?: { publicUrl?: string; releasesDir?: string };
  /** The server clock (exception expiry, policy issue time); injectable for tests. Default: the system clock. */
  now?: () => Date;
  /** Public base URL of this server (OIDC redirect URI); default http://127.0.0.1:8787. */
  publicUrl?: string;
  /** SIEM delivery worker (docs/siem.md): options, or `start: false` to drive it by hand (tests). */
  siem?: { start?: boolean; worker?: Partial<SiemWorkerOptions> };
  /** Anomaly detection runs (docs/anomalies.md). */
  anomaly?: { start?: boolean; worker?: Partial<AnomalyWorkerOptions> };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The SIEM delivery worker of this app (tests call `runOnce`). */
    siemWorker: SiemWorker;
    /** The anomaly detection worker of this app (tests call `runOnce`). */
    anomalyWorker: AnomalyWorker;
  }
}

export type ZApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

/** What route modules get. */
export interface RouteContext {
  db: Db;
  keys: KeyRing;
  rateLimits: RateLimits;
  /** The dashboard session cookie (auth/session.ts). */
  cookie: { name: string; secure: boolean };
  rollout: { publicUrl?: string; releasesDir?: string };
  /** The server clock (see AppOptions.now). */
  now: () => Date;
  /** Public base URL, no trailing slash (see AppOptions.publicUrl). */
  publicUrl: string;
}

/** Default request body limit; routes that take more (events, policies) say so. */
export const BODY_LIMIT = 64 * 1024;

/**
 * Composes the server from plugins and routes. Tests call this and use `app.inject` (or listen on
 * port 0); `server.ts` is the only place that listens for real.
 */
export async function buildApp(opts: AppOptions): Promise<ZApp> {
  const app = Fastify({
    logger: { level: opts.logLevel ?? 'silent' },
    bodyLimit: BODY_LIMIT,
    // Hostile JSON: `__proto__` / `constructor.prototype` keys are refused with a 400.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    frameworkErrors: frameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: any other body type is a 415, not a string that fails validation later.
  app.removeContentTypeParser('text/plain');
  installErrorHandling(app);
  const cookie = { secure: opts.cookieSecure ?? true, name: cookieName(opts.cookieSecure ?? true) };
  installAuth(app, opts.db, { keys: opts.keys, cookieName: cookie.name });
  // Only for reply.setCookie/clearCookie: the auth hook reads the one cookie it needs itself.
  await app.register(fastifyCookie, { hook: false });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: `${PRODUCT.name} tenant API`, version: PRODUCT.version },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'dlt_ / dls_ / dle_ / dld_ token (docs/api.md)' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  // Devices call the API from the extension's service worker, whose origin is the extension's
  // (chrome-extension://ID, moz-extension://UUID). Only those origins get CORS; the dashboard is
  // served from this origin and needs none, and no web page may call the API from a browser.
  await app.register(fastifyCors, {
    origin: (origin, cb) => cb(null, origin !== undefined && EXTENSION_ORIGIN.test(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'if-none-match'],
    exposedHeaders: ['etag', 'retry-after'],
    maxAge: 600,
  });
  // The rate limiter is used per route (events) through app.createRateLimit, never globally.
  await app.register(fastifyRateLimit, { global: false, cache: 100_000 });

  const ctx: RouteContext = {
    db: opts.db,
    keys: opts.keys,
    rateLimits: opts.rateLimits ?? { devicePerMinute: 120, tenantPerMinute: 20_000 },
    cookie,
    rollout: opts.rollout ?? {},
    now: opts.now ?? (() => new Date()),
    publicUrl: (opts.publicUrl ?? 'http://127.0.0.1:8787').replace(/\/$/, ''),
  };

  app.get('/healthz', { schema: { tags: ['meta'], response: { 200: HealthResponse } } }, async () => ({
    status: 'ok' as const,
    name: PRODUCT.name,
    version: PRODUCT.version,
    storage: opts.db.kind,
  }));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  adminRoutes(app, ctx);
  deviceRoutes(app, ctx);
  policyRoutes(app, ctx);
  auditRoutes(app, ctx);
  eventRoutes(app, ctx);
  reportRoutes(app, ctx);
  rolloutRoutes(app, ctx);
  reviewRoutes(app, ctx);
  ssoRoutes(app, ctx);
  scimRoutes(app, ctx);
  const siemWorker = new SiemWorker(opts.db, opts.keys, opts.siem?.worker);
  app.decorate('siemWorker', siemWorker);
  siemRoutes(app, ctx, siemWorker);
  const anomalyWorker = new AnomalyWorker(opts.db, opts.anomaly?.worker);
  app.decorate('anomalyWorker', anomalyWorker);
  alertRoutes(app, ctx);
  if (opts.siem?.start !== false) app.addHook('onReady', async () => siemWorker.start());
  if (opts.anomaly?.start !== false) app.addHook('onReady', async () => anomalyWorker.start());
  app.addHook('onClose', async () => {
    await siemWorker.stop();
    await anomalyWorker.stop();
  });
  dashboardRoutes(app, ctx);

  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  return app;
}
