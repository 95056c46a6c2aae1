import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientEvent } from '../../shared/contracts/events.ts';
import { defaultPolicy } from '../../shared/policy/schema.ts';
import { randomUUID } from 'node:crypto';
import { Ingester } from '../../server/src/services/ingest.ts';
import { call, enroll, newTenant, startApi, type Api, type TestTenant } from './harness/api.ts';
import { STORES } from './harness/stores.ts';

let seq = 0;
function event(over: Partial<ClientEvent> = {}): ClientEvent {
  return {
    id: `evt_${(++seq).toString().padStart(8, '0')}`,
    at: '2025-03-04T10:00:00.000Z',
    app: 'chatgpt',
    host: 'chatgpt.com',
    surface: 'browser',
    action: 'paste',
    decision: 'warn',
    dataTypes: [{ type: 'email', count: 2 }],
    textLength: 120,
    valueHashes: ['ab'.repeat(32), 'cd'.repeat(32)],
    justification: 'customer asked for it',
    ...over,
  };
}

describe.each(STORES)('event ingest on %s', (kind) => {
  let api: Api;
  let t: TestTenant;
  let device: string;
  let base: string;
  beforeAll(async () => {
    api = await startApi(kind);
    t = await newTenant(api);
    device = (await enroll(api, t.enrollmentToken)).credential;
    base = await api.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await api?.close();
  });

  const post = (events: unknown[], token = device) =>
    fetch(`${base}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });

  const usage = async () =>
    api.db.query<{ day: string; app: string; user_id: string; action: string; decision: string; events: number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, app, user_id, action, decision, events::int AS events FROM usage_daily WHERE tenant_id = $1 ORDER BY 1, 2, 4, 5`,
      [t.tenantId],
    );
  const data = async () =>
    api.db.query<{ data_type: string; decision: string; events: number; matches: number }>(
      'SELECT data_type, decision, events::int AS events, matches::int AS matches FROM data_daily WHERE tenant_id = $1 ORDER BY 1, 2',
      [t.tenantId],
    );

  it('stores a batch once however often it is retried, also concurrently, and keeps the rollups exact', async () => {
    const batch = [
      event(),
      event({
        dataTypes: [
          { type: 'email', count: 1 },
          { type: 'credit_card', count: 1 },
        ],
        decision: 'block',
      }),
      event({ action: 'visit', decision: 'monitored', dataTypes: [], app: 'claude', host: 'claude.ai', at: '2025-03-05T23:59:59+02:00' }),
    ];
    const first = await post(batch);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: 3, stored: 3, duplicates: 0 });

    const retries = await Promise.all([post(batch), post(batch), post(batch), post([...batch, batch[0]])]);
    const bodies = await Promise.all(retries.map((r) => r.json() as Promise<{ stored: number; duplicates: number }>));
    expect(bodies.map((b) => b.stored)).toEqual([0, 0, 0, 0]);
    expect(bodies.at(-1)!.duplicates).toBe(4);

    expect(await api.db.query('SELECT event_id FROM events WHERE tenant_id = $1', [t.tenantId])).toHaveLength(3);
    expect(await usage()).toEqual([
      { day: '2025-03-04', app: 'chatgpt', user_id: 'alex.doe@example.test', action: 'paste', decision: 'block', events: 1 },
      { day: '2025-03-04', app: 'chatgpt', user_id: 'alex.doe@example.test', action: 'paste', decision: 'warn', events: 1 },
      { day: '2025-03-05', app: 'claude', user_id: 'alex.doe@example.test', action: 'visit', decision: 'monitored', events: 1 },
    ]);
    expect(await data()).toEqual([
      { data_type: 'credit_card', decision: 'block', events: 1, matches: 1 },
      { data_type: 'email', decision: 'block', events: 1, matches: 1 },
      { data_type: 'email', decision: 'warn', events: 1, matches: 2 },
    ]);

    // New events add up on the same rollup rows.
    const more = await post([event(), event()]);
    expect(await more.json()).toMatchObject({ stored: 2 });
    expect((await data()).find((r) => r.data_type === 'email' && r.decision === 'warn')).toEqual({
      data_type: 'email',
      decision: 'warn',
      events: 3,
      matches: 6,
    });
  });

  it('keeps metadata only: content fields are refused, and the minimal tier drops hashes and justifications', async () => {
    const withText = await post([{ ...event(), text: 'the pasted secret' }]);
    expect(withText.status).toBe(400);
    expect(((await withText.json()) as { error: { message: string } }).error.message).toMatch(/text|unrecognized/i);
    expect((await post([event({ valueHashes: ['not-a-hash'] })])).status).toBe(400);

    await call(api.app, 'POST', '/v1/policies', {
      token: t.tokens.admin,
      body: { policy: { ...defaultPolicy(), privacy: { ...defaultPolicy().privacy, tier: 'minimal' } } },
    });
    const e = event();
    expect((await post([e])).status).toBe(200);
    const [row] = await api.db.query<{ value_hashes: unknown; justification: unknown; text_length: number }>(
      'SELECT value_hashes, justification, text_length FROM events WHERE tenant_id = $1 AND event_id = $2',
      [t.tenantId, e.id],
    );
    expect(row).toEqual({ value_hashes: null, justification: null, text_length: 120 });
  });

  it('group commit: batches that wait go in together, each answered with its own count; a failing batch fails alone', async () => {
    const other = await newTenant(api);
    const ingester = new Ingester(api.db, { concurrency: 1, maxEvents: 5000 });
    const devices = Array.from({ length: 8 }, () => randomUUID());
    const batches = devices.map(() => [event(), event({ dataTypes: [] })]);
    // The first goes alone; the rest wait for it and then form one group, which holds a batch the
    // database refuses, a retry racing its original, and another tenant's batch.
    const results = await Promise.allSettled([
      ...devices.map((d, i) => ingester.ingest(i % 2 ? other.tenantId : t.tenantId, d, `user${i}@example.test`, batches[i]!)),
      ingester.ingest(t.tenantId, devices[0]!, null, [{ ...event(), at: '2025-02-30T10:00:00Z' }]),
      ingester.ingest(other.tenantId, devices[1]!, 'user1@example.test', batches[1]!),
    ]);
    expect(results.slice(0, 8).map((r) => (r.status === 'fulfilled' ? r.value : r.reason))).toEqual([2, 2, 2, 2, 2, 2, 2, 2]);
    expect(results[8]!.status).toBe('rejected');
    expect(results[9]).toEqual({ status: 'fulfilled', value: 0 });
    for (const [tenant, n] of [
      [t.tenantId, 8],
      [other.tenantId, 8],
    ] as const) {
      const [c] = await api.db.query<{ events: number; usage: number; users: number; apps: number }>(
        `SELECT (SELECT count(*) FROM events WHERE tenant_id = $1 AND device_id = ANY($2::uuid[]))::int AS events,
                (SELECT sum(events) FROM usage_daily WHERE tenant_id = $1 AND user_id LIKE 'user%')::int AS usage,
                (SELECT sum(events) FROM user_daily WHERE tenant_id = $1 AND user_id LIKE 'user%')::int AS users,
                (SELECT count(*) FROM events WHERE tenant_id = $1 AND user_id LIKE 'user%')::int AS apps`,
        [tenant, devices],
      );
      expect(c).toEqual({ events: n, usage: n, users: n, apps: n });
    }
  });

  it('refuses empty, oversized and malformed batches with 4xx', async () => {
    expect((await post([])).status).toBe(400);
    expect((await post(Array.from({ length: 501 }, () => event()))).status).toBe(400);
    const huge = await fetch(`${base}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${device}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: [event({ justification: 'x'.repeat(3 * 1024 * 1024) })] }),
    });
    expect(huge.status).toBe(413);
    const broken = await fetch(`${base}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${device}`, 'content-type': 'application/json' },
      body: '{"events":[',
    });
    expect(broken.status).toBe(400);
  });
});

describe.each(STORES)('ingest rate limits on %s', (kind) => {
  let api: Api;
  let t: TestTenant;
  beforeAll(async () => {
    api = await startApi(kind, { rateLimits: { devicePerMinute: 3, tenantPerMinute: 5 } });
    t = await newTenant(api);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers 429 with Retry-After per device, then per tenant', async () => {
    const [a, b] = [await enroll(api, t.enrollmentToken), await enroll(api, t.enrollmentToken)];
    const send = (cred: string) => call(api.app, 'POST', '/v1/events', { token: cred, body: { events: [event()] } });
    for (let i = 0; i < 3; i++) expect((await send(a.credential)).statusCode).toBe(200);
    const limited = await send(a.credential);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // Device b has its own budget (3), but the tenant's (5 per minute) runs out on b's third.
    expect((await send(b.credential)).statusCode).toBe(200);
    expect((await send(b.credential)).statusCode).toBe(200);
    const tenantLimited = await send(b.credential);
    expect(tenantLimited.statusCode).toBe(429);
    expect(tenantLimited.headers['retry-after']).toBeDefined();
    // Another tenant is not affected.
    const other = await newTenant(api);
    const c = await enroll(api, other.enrollmentToken);
    expect((await send(c.credential)).statusCode).toBe(200);
  });
});
