import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthResponse } from '../../shared/contracts/health.ts';
import { buildApp } from './app.ts';
import { KeyRing } from './crypto.ts';
import { openPglite } from './db/pglite.ts';
import { migrate } from './db/migrate.ts';
import type { Db } from './db/db.ts';
import type { FastifyInstance } from 'fastify';

let db: Db;
let app: FastifyInstance;
beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  app = await buildApp({ db, keys: KeyRing.random() });
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('GET /healthz', () => {
  it('answers with version and storage kind', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    const body = HealthResponse.parse(res.json());
    expect(body.storage).toBe('pglite');
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
