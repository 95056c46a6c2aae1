/**
 * The real tenant API for browser tests: the same Fastify app `npm start` runs, on embedded
 * PGlite, listening on loopback over real HTTP. Every request body it receives is kept, so tests
 * can prove what the extension sent (and what it never sent).
 */
import type { AddressInfo } from 'node:net';
import { buildApp, type ZApp } from '../../../server/src/app.ts';
import { KeyRing } from '../../../server/src/crypto.ts';
import type { Db } from '../../../server/src/db/db.ts';
import { migrate } from '../../../server/src/db/migrate.ts';
import { openPglite } from '../../../server/src/db/pglite.ts';
import { createApiToken, createTenant } from '../../../server/src/services/tenants.ts';
import type { PolicyDocument } from '../../../shared/policy/schema.ts';

export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export type StoredEvent = {
  event_id: string;
  app: string;
  host: string;
  action: string;
  decision: string;
  outcome: string | null;
  data_types: { type: string; count: number }[];
  text_length: number | null;
  value_hashes: string[] | null;
  justification: string | null;
  user_id: string | null;
};

export interface TenantServer {
  url: string;
  db: Db;
  app: ZApp;
  tenantId: string;
  enrollmentToken: string;
  ownerToken: string;
  /** Every request the server received, with its raw body. */
  requests: SeenRequest[];
  /** Publishes a policy document (input form); answers its version. */
  publish(policy: unknown): Promise<number>;
  events(): Promise<StoredEvent[]>;
  /**
   * Moves the server's clock (exception expiry, policy issue times) by `ms` from real time; the
   * browser keeps the real clock, so an exception granted "for one hour" on a clock set back can
   * expire for the extension within a test.
   */
  setClockOffset(ms: number): void;
  /** Stops answering (connections refused) until `resume`, keeping the data. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTenantServer(): Promise<TenantServer> {
  const db = await openPglite();
  await migrate(db);
  const keys = KeyRing.random();
  const tenant = await createTenant(db, keys, { name: 'Acme (browser tests)', ownerEmail: 'owner@acme.test' });
  const ownerToken = (await createApiToken(db, tenant.tenantId, 'owner')).token;
  const requests: SeenRequest[] = [];
  let clockOffset = 0;

  let app: ZApp;
  let port = 0;
  async function listen(): Promise<void> {
    app = await buildApp({
      db,
      keys,
      rateLimits: { devicePerMinute: 10_000, tenantPerMinute: 100_000 },
      now: () => new Date(Date.now() + clockOffset),
    });
    app.addHook('preParsing', async (req, _reply, payload) => {
      const chunks: Buffer[] = [];
      for await (const c of payload) chunks.push(Buffer.from(c as Uint8Array));
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method, url: req.url, headers: req.headers, body: body.toString('utf8') });
      const { Readable } = await import('node:stream');
      return Readable.from([body]);
    });
    app.addHook('onRequest', async (req) => {
      if (req.method === 'GET' || req.method === 'OPTIONS')
        requests.push({ method: req.method, url: req.url, headers: req.headers, body: '' });
    });
    await app.listen({ host: '127.0.0.1', port });
    port = (app.server.address() as AddressInfo).port;
  }
  await listen();

  const server: TenantServer = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    db,
    get app() {
      return app;
    },
    tenantId: tenant.tenantId,
    enrollmentToken: tenant.enrollmentToken,
    ownerToken,
    requests,
    setClockOffset(ms) {
      clockOffset = ms;
    },
    async publish(policy) {
      const res = await fetch(`${server.url}/v1/policies`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ policy: policy as PolicyDocument }),
      });
      const body = (await res.json()) as { version?: number };
      if (!res.ok || typeof body.version !== 'number') throw new Error(`publish failed: HTTP ${res.status} ${JSON.stringify(body)}`);
      return body.version;
    },
    async events() {
      return db.query<StoredEvent>(
        `SELECT event_id, app, host, action, decision, outcome, data_types, text_length, value_hashes, justification, user_id
           FROM events WHERE tenant_id = $1 ORDER BY at, received_at`,
        [tenant.tenantId],
      );
    },
    async pause() {
      await app.close();
    },
    async resume() {
      await listen();
    },
    async stop() {
      await app.close();
      await db.close();
    },
  };
  return server;
}
