/**
 * `npm run bench -- anomaly`: anomaly detection time over a large event history.
 *
 * Seeds a throwaway PostgreSQL cluster with events (10 M by default: 2,000 users in 20 groups, 30
 * days, every hour of the day, 8 apps) using `INSERT ... SELECT generate_series`, builds the hourly
 * activity rollup from them (the same rows ingest keeps), injects a few anomalies into the last day,
 * then times detection: the first run (last 24 h against 14-day baselines), an incremental run over
 * one new hour, and a catch-up run over 7 days. Detection reads the rollup only, never the events.
 * Environment: BENCH_ANOMALY_EVENTS (default 10,000,000), BENCH_ANOMALY_STORES (`postgres`, or
 * `pglite,postgres`; PGlite seeds BENCH_ANOMALY_EVENTS_PGLITE, default 1,000,000).
 */
import pg from 'pg';
import { KeyRing } from '../../server/src/crypto.ts';
import type { Db } from '../../server/src/db/db.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { openPglite } from '../../server/src/db/pglite.ts';
import { openPostgres } from '../../server/src/db/postgres.ts';
import { detectAnomalies } from '../../server/src/services/anomaly/detect.ts';
import { createTenant } from '../../server/src/services/tenants.ts';
import { startPostgres, type PgCluster } from './server-postgres.ts';
import { table } from './stats.ts';

const STORES = (process.env.BENCH_ANOMALY_STORES ?? 'postgres').split(',') as ('pglite' | 'postgres')[];
const EVENTS = {
  postgres: Number(process.env.BENCH_ANOMALY_EVENTS ?? 10_000_000),
  pglite: Number(process.env.BENCH_ANOMALY_EVENTS_PGLITE ?? 1_000_000),
};
const USERS = 2000;
const DAYS = 30;
const HOUR = 3_600_000;
const END = Date.parse('2025-06-01T00:00:00Z');
const START = END - DAYS * 24 * HOUR;

async function seed(db: Db, tenantId: string, total: number): Promise<{ seedS: number; rollupS: number; rollupRows: number }> {
  const t0 = performance.now();
  const chunk = 1_000_000;
  for (let lo = 0; lo < total; lo += chunk) {
    const hi = Math.min(total, lo + chunk) - 1;
    await db.query(
      `INSERT INTO events (tenant_id, device_id, event_id, at, user_id, app, host, surface, action, decision, data_types)
       SELECT $1, ('00000000-0000-4000-8000-' || lpad(to_hex((g * 7919) % ${USERS}), 12, '0'))::uuid, 'e' || g,
              to_timestamp(${START / 1000} + g * (${(DAYS * 86400) / total}::float8)),
              'user' || ((g * 7919) % ${USERS}) || '@example.test',
              (ARRAY['chatgpt','claude','gemini','perplexity','copilot','deepseek','mistral','poe'])[1 + g % 8], 'x.example.test', 'browser',
              (ARRAY['visit','paste','submit','upload','visit'])[1 + g % 5],
              CASE WHEN g % 50 = 2 THEN 'block' WHEN g % 10 = 1 THEN 'redact' ELSE 'allow' END,
              CASE WHEN g % 10 = 1 OR g % 50 = 2 THEN '[{"type":"email","count":1}]'::jsonb ELSE '[]'::jsonb END
         FROM generate_series($2::bigint, $3::bigint) AS g`,
      [tenantId, lo, hi],
    );
  }
  // Injected: one user pastes 60 sensitive items in one hour of the last day.
  await db.query(
    `INSERT INTO events (tenant_id, device_id, event_id, at, user_id, app, host, surface, action, decision, data_types)
     SELECT $1, '00000000-0000-4000-8000-00000000000a', 'spike' || g, to_timestamp(${(END - 5 * HOUR) / 1000} + g), 'user10@example.test',
            'chatgpt', 'chatgpt.com', 'browser', 'paste', 'redact', '[{"type":"email","count":1}]'::jsonb
       FROM generate_series(1, 60) g`,
    [tenantId],
  );
  const seedS = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await db.query(
    `INSERT INTO activity_hourly (tenant_id, hour, user_id, app, events, sensitive, blocked, uploads, examples, sample)
     SELECT tenant_id, date_trunc('hour', at, 'UTC'), user_id, app, count(*),
            count(*) FILTER (WHERE jsonb_array_length(data_types) > 0), count(*) FILTER (WHERE decision = 'block'),
            count(*) FILTER (WHERE action = 'upload'),
            coalesce((array_agg(device_id::text || ':' || event_id) FILTER (WHERE jsonb_array_length(data_types) > 0 OR decision = 'block' OR action = 'upload'))[1:3], '{}'),
            min(device_id::text || ':' || event_id)
       FROM events WHERE tenant_id = $1 GROUP BY 1, 2, 3, 4`,
    [tenantId],
  );
  await db.query(
    `INSERT INTO directory_users (tenant_id, user_id, groups)
     SELECT $1, 'user' || g || '@example.test', ARRAY['dept-' || (g % 20)] FROM generate_series(0, ${USERS - 1}) g`,
    [tenantId],
  );
  await db.exec('ANALYZE');
  const rollupS = (performance.now() - t1) / 1000;
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM activity_hourly WHERE tenant_id = $1', [tenantId])) as [
    { n: number },
  ];
  return { seedS, rollupS, rollupRows: n };
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

export async function benchAnomaly(): Promise<void> {
  console.log(`\n## anomaly (${USERS} users, ${DAYS} days, 14-day baselines)`);
  const rows: string[][] = [['store', 'events', 'hourly rows', 'run', 'hours', 'candidates', 'alerts', 'ms']];
  let cluster: PgCluster | undefined;
  try {
    for (const kind of STORES) {
      let db: Db;
      if (kind === 'postgres') {
        cluster ??= await startPostgres({ settings: { shared_buffers: '256MB' } });
        const c = new pg.Client({ connectionString: cluster.url });
        await c.connect();
        await c.query('CREATE DATABASE bench_anomaly');
        await c.end();
        db = await openPostgres(cluster.url.replace(/\/postgres$/, '/bench_anomaly'));
      } else {
        db = await openPglite();
      }
      try {
        await migrate(db);
        const t = await createTenant(db, KeyRing.random(), { name: 'Anomaly bench', ownerEmail: 'owner@example.test' });
        const total = EVENTS[kind];
        const s = await seed(db, t.tenantId, total);
        console.log(
          `  (${kind}: seeded ${total.toLocaleString('en')} events in ${s.seedS.toFixed(0)} s, hourly rollup (${s.rollupRows.toLocaleString('en')} rows) in ${s.rollupS.toFixed(0)} s)`,
        );
        const label = `${(total / 1e6).toFixed(0)} M`;
        const run = async (name: string, now: number, opts: { maxSpanMs?: number } = {}) => {
          const [r, ms] = await time(() => detectAnomalies(db, t.tenantId, { now: new Date(now), ...opts }));
          const hours = (Date.parse(r.until) - Date.parse(r.from)) / HOUR;
          rows.push([
            kind,
            label,
            s.rollupRows.toLocaleString('en'),
            name,
            String(hours),
            String(r.candidates),
            String(r.alerts),
            ms.toFixed(0),
          ]);
          console.log(`  ${kind} ${name}: ${ms.toFixed(0)} ms (${hours} h, ${r.candidates} candidates, ${r.alerts} alerts)`);
        };
        await run('first (24 h)', END + 15 * 60_000);
        await run('incremental (1 h)', END + HOUR + 15 * 60_000);
        await db.query('DELETE FROM anomaly_state WHERE tenant_id = $1', [t.tenantId]);
        await db.query(`INSERT INTO anomaly_state (tenant_id, processed_until) VALUES ($1, $2)`, [
          t.tenantId,
          new Date(END - 7 * 24 * HOUR).toISOString(),
        ]);
        await run('catch-up (7 days)', END + 15 * 60_000);
      } finally {
        await db.close();
      }
    }
  } finally {
    await cluster?.stop();
  }
  console.log('\nAnomaly detection (reads the hourly rollup; times are wall clock)');
  console.log(table(rows));
}
