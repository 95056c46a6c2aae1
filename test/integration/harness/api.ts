/**
 * The tenant API on a fresh store, for integration tests: `startApi(kind)` builds the app over a
 * freshly migrated PGlite or PostgreSQL database; `newTenant` creates a tenant with one API token
 * per role; `call` sends a request through `app.inject`.
 */
import type { LightMyRequestResponse } from 'fastify';
import { Role } from '../../../shared/contracts/admin.ts';
import type { EnrollRequest, EnrollResponse } from '../../../shared/contracts/enroll.ts';
import { buildApp, type AppOptions, type ZApp } from '../../../server/src/app.ts';
import type { RateLimits } from '../../../server/src/config.ts';
import { KeyRing } from '../../../server/src/crypto.ts';
import type { Db } from '../../../server/src/db/db.ts';
import { createApiToken, createTenant, type NewTenant } from '../../../server/src/services/tenants.ts';
import { openStore, type StoreKind } from './stores.ts';

export interface Api {
  db: Db;
  app: ZApp;
  keys: KeyRing;
  close(): Promise<void>;
}

export async function startApi(
  kind: StoreKind,
  opts: {
    rateLimits?: RateLimits;
    cookieSecure?: boolean;
    now?: () => Date;
    publicUrl?: string;
    siem?: AppOptions['siem'];
    anomaly?: AppOptions['anomaly'];
  } = {},
): Promise<Api> {
  const db = await openStore(kind);
  const keys = KeyRing.random();
  // The SIEM and anomaly workers run only when a test asks (tests drive them with runOnce).
  const app = await buildApp({
    db,
    keys,
    rateLimits: opts.rateLimits,
    cookieSecure: opts.cookieSecure,
    now: opts.now,
    publicUrl: opts.publicUrl,
    siem: opts.siem ?? { start: false },
    anomaly: opts.anomaly ?? { start: false },
  });
  await app.ready();
  return {
    db,
    app,
    keys,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

export interface TestTenant extends NewTenant {
  /** One API token per role. */
  tokens: Record<Role, string>;
}

let tenantCounter = 0;

export async function newTenant(api: Api, name?: string): Promise<TestTenant> {
  const n = ++tenantCounter;
  const t = await createTenant(api.db, api.keys, { name: name ?? `Tenant ${n}`, ownerEmail: `owner${n}@example.test` });
  const tokens = {} as Record<Role, string>;
  for (const role of Role.options) tokens[role] = (await createApiToken(api.db, t.tenantId, role)).token;
  return { ...t, tokens };
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function call(app: ZApp, method: string, url: string, o: CallOptions = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  return app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(o.body === undefined ? {} : typeof o.body === 'string' ? { payload: o.body } : { payload: o.body as object }),
  });
}

export const DEVICE_FACTS: EnrollRequest = {
  agent: 'extension',
  agentVersion: '0.1.0',
  os: 'macos',
  osVersion: '15.1',
  hostname: 'mbp-test-01',
  browser: { name: 'chrome', version: '131.0' },
  user: { id: 'Alex.Doe@example.test', source: 'mdm' },
};

export async function enroll(api: Api, enrollmentToken: string, facts: EnrollRequest = DEVICE_FACTS): Promise<EnrollResponse> {
  const res = await call(api.app, 'POST', '/v1/enroll', { token: enrollmentToken, body: facts });
  if (res.statusCode !== 201) throw new Error(`enroll failed: ${res.statusCode} ${res.body}`);
  return res.json();
}
