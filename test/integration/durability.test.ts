/**
 * SIGKILL during ingest loses no acknowledged event: the real server (a child process, as
 * `npm start` runs it) takes concurrent batches from several devices, is killed with SIGKILL
 * mid-stream, restarts on the same storage, and every event it acknowledged is there exactly once,
 * with rollups that add up to the stored events.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { ClientEvent } from '../../shared/contracts/events.ts';
import type { Db } from '../../server/src/db/db.ts';
import { openPglite } from '../../server/src/db/pglite.ts';
import { openPostgres } from '../../server/src/db/postgres.ts';
import { DEVICE_FACTS } from './harness/api.ts';
import { STORES, type StoreKind } from './harness/stores.ts';
import { startServerProcess as startServer, type ServerProcess as Server } from '../../tools/bench/server-process.ts';

const post = (base: string, path: string, token: string, body: unknown) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const batch = (device: number, n: number, size: number): ClientEvent[] =>
  Array.from({ length: size }, (_, i) => ({
    id: `d${device}-b${n}-e${i}`.padEnd(8, '0'),
    at: new Date(Date.UTC(2025, 2, 1 + (i % 5), 10)).toISOString(),
    app: i % 3 === 0 ? 'claude' : 'chatgpt',
    host: i % 3 === 0 ? 'claude.ai' : 'chatgpt.com',
    surface: 'browser',
    action: 'paste',
    decision: i % 2 === 0 ? 'warn' : 'allow',
    dataTypes: i % 2 === 0 ? [{ type: 'email', count: 2 }] : [],
  }));

describe.each(STORES)('SIGKILL during ingest on %s', (kind: StoreKind) => {
  const dir = mkdtempSync(join(tmpdir(), 'daylight-kill-'));
  let dbUrl: string | undefined;
  let server: Server | undefined;
  afterAll(async () => {
    server?.proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged event exactly once, across a SIGKILL and a restart', { timeout: 240_000 }, async () => {
    if (kind === 'postgres') {
      const admin = new pg.Client({ connectionString: inject('postgresUrl') });
      await admin.connect();
      const name = `kill_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      dbUrl = inject('postgresUrl').replace(/\/postgres$/, `/${name}`);
    }
    const env = { DATA_DIR: dir, MASTER_KEY: randomBytes(32).toString('hex'), ...(dbUrl ? { DATABASE_URL: dbUrl } : {}) };
    server = await startServer(env, { firstStart: true });
    const enrollment = server.enrollmentToken;
    expect(enrollment, server.output()).toBeDefined();
    const devices: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await post(server.base, '/v1/enroll', enrollment!, DEVICE_FACTS);
      expect(res.status).toBe(201);
      devices.push(((await res.json()) as { credential: string }).credential);
    }

    // Four devices send batches back to back; each remembers what was acknowledged and what was
    // in flight when the connection died.
    const acked: string[] = [];
    const unacked: { device: number; events: ClientEvent[] }[] = [];
    let killed = false;
    const sender = async (d: number) => {
      for (let n = 0; !killed; n++) {
        const events = batch(d, n, 50);
        try {
          const res = await post(server!.base, '/v1/events', devices[d]!, { events });
          if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
          const body = (await res.json()) as { stored: number };
          expect(body.stored).toBe(50);
          acked.push(...events.map((e) => e.id));
        } catch (e) {
          if (!killed) throw e;
          unacked.push({ device: d, events });
          return;
        }
      }
    };
    const senders = devices.map((_, d) => sender(d));
    // Kill once a good number of batches went through, while all four are mid-request.
    while (acked.length < 4000) await new Promise((r) => setTimeout(r, 20));
    killed = true;
    server.proc.kill('SIGKILL');
    expect(await server.exited).toBeNull(); // killed by a signal, not exited
    await Promise.all(senders);
    expect(acked.length).toBeGreaterThanOrEqual(4000);
    // The kill really came mid-stream: some batches never got their answer.
    expect(unacked.length).toBeGreaterThan(0);
    expect(new Set(acked).size).toBe(acked.length);

    // Restart on the same storage; devices resend what was never acknowledged.
    server = await startServer(env);
    let resentNew = 0;
    for (const u of unacked) {
      const res = await post(server.base, '/v1/events', devices[u.device]!, { events: u.events });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { stored: number; duplicates: number };
      expect(body.stored + body.duplicates).toBe(u.events.length);
      resentNew += body.stored;
    }
    // And a retried acknowledged batch adds nothing.
    const again = await post(server.base, '/v1/events', devices[0]!, { events: batch(0, 0, 50) });
    expect(await again.json()).toMatchObject({ stored: 0, duplicates: 50 });
    server.proc.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    server = undefined;

    const db: Db = dbUrl ? await openPostgres(dbUrl) : await openPglite(dir);
    try {
      const [found] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE event_id = ANY($1::text[])', [acked]);
      expect(found!.n).toBe(acked.length);
      const [totals] = await db.query<{ events: number; distinct_ids: number; usage: number; apps: number; users: number }>(
        `SELECT (SELECT count(*) FROM events)::int AS events,
                (SELECT count(DISTINCT (device_id, event_id)) FROM events)::int AS distinct_ids,
                (SELECT sum(events) FROM usage_daily)::int AS usage,
                (SELECT sum(events) FROM app_daily)::int AS apps,
                (SELECT sum(events) FROM user_daily)::int AS users`,
      );
      const sent = acked.length + unacked.reduce((n, u) => n + u.events.length, 0);
      // Everything sent is stored once: acknowledged events, plus in-flight ones (stored before the
      // kill, or on resend), and nothing else.
      expect(totals).toEqual({ events: sent, distinct_ids: sent, usage: sent, apps: sent, users: sent });
      expect(resentNew).toBeLessThanOrEqual(unacked.length * 50);
      const [data] = await db.query<{ matches: number; events: number }>(
        'SELECT sum(matches)::int AS matches, sum(events)::int AS events FROM data_daily',
      );
      const [raw] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE jsonb_array_length(data_types) > 0');
      expect(data).toEqual({ events: raw!.n, matches: raw!.n * 2 });
    } finally {
      await db.close();
    }
  });
});
