import { ErrorResponse } from '../../../shared/contracts/errors.ts';
import { EventBatch, IngestResponse } from '../../../shared/contracts/events.ts';
import type { RouteContext, ZApp } from '../app.ts';
import { deviceOf } from '../auth/plugin.ts';
import { ApiError } from '../errors.ts';
import { Ingester } from '../services/ingest.ts';
import { AUTH_ERRORS, SECURITY } from './util.ts';

/** A full batch (500 events with value hashes) fits; larger bodies are refused with 413. */
export const EVENTS_BODY_LIMIT = 2 * 1024 * 1024;

/** Event ingest: batched, idempotent, rate-limited per device and per tenant. */
export function eventRoutes(app: ZApp, { db, rateLimits }: RouteContext): void {
  // Group commit of concurrent batches (services/ingest.ts); one per app, so per store.
  const ingester = new Ingester(db);
  // Counters live in this process (LRU of 100k keys): with several server processes each
  // enforces its own share. Checked in onRequest, after auth and before the body is read.
  const limiters = [
    app.createRateLimit({ max: rateLimits.devicePerMinute, timeWindow: 60_000, keyGenerator: (req) => `d:${deviceOf(req).deviceId}` }),
    app.createRateLimit({ max: rateLimits.tenantPerMinute, timeWindow: 60_000, keyGenerator: (req) => `t:${deviceOf(req).tenantId}` }),
  ];

  app.post(
    '/v1/events',
    {
      bodyLimit: EVENTS_BODY_LIMIT,
      onRequest: async (req) => {
        for (const limit of limiters) {
          const r = await limit(req);
          if (!r.isAllowed && r.isExceeded) {
            const s = Math.max(1, r.ttlInSeconds);
            throw new ApiError(429, 'rate_limited', `Too many requests: retry after ${s} s.`, { 'retry-after': String(s) });
          }
        }
      },
      schema: {
        tags: ['device'],
        summary: 'Send a batch of events (metadata only); retries with the same event ids are counted once',
        security: SECURITY,
        body: EventBatch,
        response: { 200: IngestResponse, 413: ErrorResponse, 429: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId, deviceId, userId } = deviceOf(req);
      const stored = await ingester.ingest(tenantId, deviceId, userId, req.body.events);
      return { received: req.body.events.length, stored, duplicates: req.body.events.length - stored };
    },
  );
}
