/**
 * `npm run bench -- dashboard`: page load times of the admin dashboard in real Chromium (Debian's
 * /usr/bin/chromium or CHROME_PATH), p50/p95 per page over repeated full loads (navigation start
 * to the page's heading shown with nothing loading), on
 * - the demo data set (tools/demo-seed.ts: 400 people, 30 days) on embedded PGlite, and
 * - the demo tenant plus BENCH_DASHBOARD_PG_EVENTS events (default 10 M, `INSERT ... SELECT
 *   generate_series` with matching rollups, as in the server bench) on a throwaway PostgreSQL
 *   cluster. BENCH_DASHBOARD_STORES=pglite skips it.
 * Goal: every page < 1 s at p95. Nothing here passes or fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import { buildApp } from '../../server/src/app.ts';
import { KeyRing } from '../../server/src/crypto.ts';
import type { Db } from '../../server/src/db/db.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { openPglite } from '../../server/src/db/pglite.ts';
import { openPostgres } from '../../server/src/db/postgres.ts';
import { createTenant } from '../../server/src/services/tenants.ts';
import { seedDemo } from '../demo-seed.ts';
import { startPostgres } from './server-postgres.ts';
import { createDatabase, seed } from './server.ts';
import { percentile, table } from './stats.ts';

const PAGES = [
  'overview',
  'shadow-ai',
  'data-events',
  'justifications',
  'devices',
  'policy',
  'detectors',
  'audit',
  'integrations',
  'rollout',
];
const LOADS = Number(process.env.BENCH_DASHBOARD_LOADS ?? 20);
const PG_EVENTS = Number(process.env.BENCH_DASHBOARD_PG_EVENTS ?? 10_000_000);
const STORES = (process.env.BENCH_DASHBOARD_STORES ?? 'pglite,postgres').split(',');

async function measure(db: Db, label: string, extraEvents: number): Promise<string[][]> {
  await migrate(db);
  const keys = KeyRing.random();
  const t = await createTenant(db, keys, { name: 'Dashboard bench', ownerEmail: 'owner@bench.example' });
  const t0 = performance.now();
  // The bulk events first: their rollups are computed from the events table in one pass; the demo
  // tenant then goes in through the real ingest, which adds to the same rollups.
  if (extraEvents) await seed(db, t.tenantId, extraEvents);
  const s = await seedDemo(db, keys, t.tenantId, { users: 400 });
  console.log(
    `  ${label}: seeded ${(s.events + extraEvents).toLocaleString('en')} events, ${s.devices} devices in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  const app = await buildApp({ db, keys, cookieSecure: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const rows: string[][] = [];
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(`${url}/sign-in#token=${t.signInToken}`);
    await page.waitForURL(/\/app\/overview$/);
    for (const p of PAGES) {
      const times: number[] = [];
      for (let i = 0; i < LOADS + 2; i++) {
        const start = performance.now();
        await page.goto(`${url}/app/${p}`);
        await page.locator('main h1').first().waitFor();
        await page.locator('.loading').first().waitFor({ state: 'detached', timeout: 60_000 });
        if (i >= 2) times.push(performance.now() - start); // the first loads warm caches
      }
      times.sort((a, b) => a - b);
      rows.push([label, p, percentile(times, 50).toFixed(0), percentile(times, 95).toFixed(0)]);
    }
  } finally {
    await browser.close();
    await app.close();
  }
  console.log(table([['data set', 'page', 'p50 ms', 'p95 ms'], ...rows]));
  return rows;
}

export async function benchDashboard(): Promise<void> {
  console.log(`\n## dashboard (${LOADS} full page loads per page in Chromium, 1440x900)`);
  const rows: string[][] = [['data set', 'page', 'p50 ms', 'p95 ms']];
  if (STORES.includes('pglite')) {
    const dir = mkdtempSync(join(tmpdir(), 'daylight-bench-dash-'));
    const db = await openPglite(dir);
    try {
      rows.push(...(await measure(db, 'demo (PGlite)', 0)));
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (STORES.includes('postgres')) {
    const cluster = await startPostgres({ fsync: false, settings: { shared_buffers: '256MB' } });
    try {
      const db = await openPostgres(await createDatabase(cluster.url, 'bench_dashboard'));
      try {
        rows.push(...(await measure(db, `demo + ${(PG_EVENTS / 1e6).toFixed(0)} M (PostgreSQL)`, PG_EVENTS)));
      } finally {
        await db.close();
      }
    } finally {
      await cluster.stop();
    }
  }
  console.log(table(rows));
}
