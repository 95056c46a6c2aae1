/**
 * Playwright fixtures: a real Chromium with the built extension loaded, and the fake AI sites
 * reachable under their real host names over HTTPS.
 */
import { test as base, chromium, type BrowserContext, type Worker } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFakeSites, type FakeSites } from '../../fake-sites/server.ts';
import { findChromium, QUIET_FLAGS } from './chromium.ts';
import { startTenantServer, type TenantServer } from './tenant.ts';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../../dist/extension');

export interface Fixtures {
  context: BrowserContext;
  extensionWorker: Worker;
  extensionId: string;
}

export interface WorkerFixtures {
  sites: FakeSites;
  /** The real tenant API on embedded PGlite (started only by tests that use it). */
  tenant: TenantServer;
}

export async function launchWithExtension(sites: FakeSites, userDataDir: string): Promise<BrowserContext> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run \`npm run build\` first.`);
  }
  const rules = sites.hosts.map((h) => `MAP ${h} 127.0.0.1`).join(', ');
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    ignoreHTTPSErrors: true,
    args: [
      ...QUIET_FLAGS,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      `--host-resolver-rules=${rules}`,
      '--ignore-certificate-errors',
    ],
  });
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  sites: [
    // Playwright reads fixture dependencies from the destructuring pattern; an empty one means none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const sites = await startFakeSites();
      await use(sites);
      await sites.stop();
    },
    { scope: 'worker' },
  ],
  tenant: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const tenant = await startTenantServer();
      await use(tenant);
      await tenant.stop();
    },
    { scope: 'worker' },
  ],
  context: async ({ sites }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'daylight-chromium-'));
    const context = await launchWithExtension(sites, dir);
    await use(context);
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  },
  extensionWorker: async ({ context }, use) => {
    const worker =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ extensionWorker }, use) => {
    await use(new URL(extensionWorker.url()).host);
  },
});

export { expect } from '@playwright/test';

/**
 * Enrolls the extension of this browser like an unmanaged install would (the options page writes
 * the same `config` to storage.local), then waits until it holds the tenant's policy `version`.
 */
export async function enrollExtension(
  worker: Worker,
  tenant: TenantServer,
  opts: { version: number; userId?: string; groups?: string[] },
): Promise<void> {
  const config = {
    serverUrl: tenant.url,
    enrollmentToken: tenant.enrollmentToken,
    userId: opts.userId ?? 'ana.silva@acme.test',
    groups: opts.groups,
  };
  await worker.evaluate((c) => chrome.storage.local.set({ config: c }), config);
  await waitForPolicy(worker, opts.version);
}

/** Waits until the extension's stored policy has at least `version` (polling its storage). */
export async function waitForPolicy(worker: Worker, version: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const got = await worker.evaluate(async () => {
      const p = (await chrome.storage.local.get('policy'))['policy'] as { signed?: { version?: number } } | undefined;
      return p?.signed?.version ?? 0;
    });
    if (got >= version) return;
    if (Date.now() > deadline) throw new Error(`extension still has policy version ${got}, wanted ${version}`);
    // Ask for a sync now instead of waiting for the one-minute alarm.
    await worker.evaluate(() => chrome.alarms.create('daylight-sync-now', { when: Date.now() }).then(() => undefined));
    await new Promise((r) => setTimeout(r, 300));
  }
}
