/**
 * The dashboard under test: the real server (buildApp) on embedded PGlite over real HTTP, with a
 * seeded demo tenant (tools/demo-seed.ts), and helpers to sign in from a real Chromium page.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { buildApp, type ZApp } from '../../../server/src/app.ts';
import { KeyRing } from '../../../server/src/crypto.ts';
import type { Db } from '../../../server/src/db/db.ts';
import { migrate } from '../../../server/src/db/migrate.ts';
import { openPglite } from '../../../server/src/db/pglite.ts';
import { createApiToken, createTenant } from '../../../server/src/services/tenants.ts';
import { seedDemo, type DemoSummary } from '../../../tools/demo-seed.ts';

export interface DashboardServer {
  url: string;
  db: Db;
  app: ZApp;
  tenantId: string;
  ownerSignIn: string;
  ownerToken: string;
  seeded: DemoSummary;
  /** An API call with the owner's API token. */
  api(path: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: unknown; text: string }>;
  /** A one-time sign-in link for a new admin with `role`. */
  invite(role: string, email: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startDashboardServer(opts: { users?: number; dataDir?: string } = {}): Promise<DashboardServer> {
  const db = await openPglite(opts.dataDir);
  await migrate(db);
  const keys = KeyRing.random();
  const tenant = await createTenant(db, keys, { name: 'Northwind (demo)', ownerEmail: 'owner@northwind.example' });
  const seeded = await seedDemo(db, keys, tenant.tenantId, { users: opts.users ?? 120 });
  const ownerToken = (await createApiToken(db, tenant.tenantId, 'owner')).token;
  const app = await buildApp({ db, keys, cookieSecure: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const api: DashboardServer['api'] = async (path, init = {}) => {
    const res = await fetch(`${url}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${ownerToken}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    return { status: res.status, body, text };
  };
  return {
    url,
    db,
    app,
    tenantId: tenant.tenantId,
    ownerSignIn: `${url}/sign-in#token=${tenant.signInToken}`,
    ownerToken,
    seeded,
    api,
    async invite(role, email) {
      const res = await api('/v1/admins', { method: 'POST', body: { email, role } });
      if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${res.text}`);
      return `${url}/sign-in#token=${(res.body as { signInToken: string }).signInToken}`;
    },
    async stop() {
      await app.close();
      await db.close();
    },
  };
}

/** Every dashboard page, in navigation order. */
export const DASHBOARD_PAGES = [
  { path: 'overview', label: 'Overview' },
  { path: 'shadow-ai', label: 'Shadow AI' },
  { path: 'data-events', label: 'Data events' },
  { path: 'justifications', label: 'Justifications' },
  { path: 'devices', label: 'Devices & coverage' },
  { path: 'policy', label: 'Policy' },
  { path: 'detectors', label: 'Detectors' },
  { path: 'audit', label: 'Audit log' },
  { path: 'integrations', label: 'Integrations' },
  { path: 'rollout', label: 'Rollout' },
] as const;

/** Waits until the page shows its heading and nothing is loading any more. */
export async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.loading').length === 0, undefined, { timeout: 15_000 });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2 A/AA rules) in the page; answers the violations. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: AxeViolation[] }> } };
    const out = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return out.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}
