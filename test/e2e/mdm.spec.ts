/**
 * MDM rollout end to end: the tenant's generated Linux Chrome policy goes into Chromium's managed
 * policy folder, Chromium force-installs the self-hosted CRX from the server's update.xml, the
 * extension reads its managed storage (server URL + enrollment token), enrolls, and the device
 * appears in `GET /v1/devices`.
 *
 * The policy folder is machine-wide, and other browser tests may run at the same time: when the
 * kernel allows it (root, `unshare`), Chromium runs in a private mount namespace where a temporary
 * directory is bind-mounted on /etc/chromium, so only this Chromium sees the policy at
 * /etc/chromium/policies/managed/. Otherwise the file is written into the real folder (when
 * writable) and removed afterwards; the test is skipped when neither is possible.
 */
import { chromium as pw, test, expect, type Browser } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type ZApp } from '../../server/src/app.ts';
import { runPackage } from '../../server/src/cli/mdm.ts';
import { KeyRing } from '../../server/src/crypto.ts';
import type { Db } from '../../server/src/db/db.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { openPglite } from '../../server/src/db/pglite.ts';
import { createApiToken, createTenant } from '../../server/src/services/tenants.ts';
import { EXTENSION_DIR } from './harness/fixtures.ts';
import { findChromium } from './harness/chromium.ts';

const POLICY_DIR = '/etc/chromium/policies/managed';

/** How the policy reaches Chromium: a private mount namespace, the real folder, or not at all (why). */
function policyMode(): { kind: 'namespace' } | { kind: 'real' } | { kind: 'none'; why: string } {
  if (process.platform !== 'linux') return { kind: 'none', why: 'Linux only (Chromium reads /etc/chromium/policies)' };
  const probe = spawnSync('unshare', ['-m', 'sh', '-c', 'mount --bind /tmp /mnt 2>/dev/null || mount --bind /tmp /tmp'], {
    stdio: 'ignore',
  });
  if (probe.status === 0) return { kind: 'namespace' };
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
    return { kind: 'real' };
  } catch {
    return { kind: 'none', why: `${POLICY_DIR} is not writable and no private mount namespace is possible: run as root` };
  }
}

interface Server {
  app: ZApp;
  db: Db;
  url: string;
  ownerToken: string;
  seen: string[];
}

async function startServer(releasesDir: string): Promise<Server> {
  const db = await openPglite();
  await migrate(db);
  const keys = KeyRing.random();
  const tenant = await createTenant(db, keys, { name: 'Acme (MDM test)', ownerEmail: 'owner@acme.test' });
  const ownerToken = (await createApiToken(db, tenant.tenantId, 'owner')).token;
  const app = await buildApp({ db, keys, rollout: { releasesDir } });
  const seen: string[] = [];
  app.addHook('onRequest', async (req) => {
    seen.push(`${req.method} ${req.url.split('?')[0]}`);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { app, db, url, ownerToken, seen };
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, ms = 45_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Evaluates an expression in a DevTools target (here the extension's service worker) and answers its value. */
async function evaluateIn(browser: Browser, targetId: string, expression: string): Promise<unknown> {
  const cdp = await browser.newBrowserCDPSession();
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
  type Answer = { id?: number; result?: { result?: { value?: unknown } }; error?: unknown };
  const answer = new Promise<Answer>((resolve) => {
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message) as Answer;
      if (m.id === 1) resolve(m);
    });
  });
  const message = { id: 1, method: 'Runtime.evaluate', params: { expression, awaitPromise: true, returnByValue: true } };
  await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify(message) });
  const m = await answer;
  await cdp.detach();
  if (m.error) throw new Error(`evaluate failed: ${JSON.stringify(m.error)}`);
  return m.result?.result?.value;
}

test('Chromium force-installs the self-hosted CRX from the generated Linux policy, reads managed storage, enrolls', async () => {
  test.setTimeout(120_000);
  const mode = policyMode();
  test.skip(mode.kind === 'none', mode.kind === 'none' ? mode.why : '');
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    throw new Error(`No built extension in ${EXTENSION_DIR}: run \`npm run build\` first.`);

  const work = mkdtempSync(join(tmpdir(), 'daylight-mdm-'));
  const releasesDir = join(work, 'releases');
  // A throwaway signing key: the id comes from it (the manifest key is replaced by the CRX's).
  const keyFile = join(work, 'signing.pem');
  writeFileSync(keyFile, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const packed: string[] = [];
  expect(runPackage(['--key', keyFile, '--dir', EXTENSION_DIR, '--out', releasesDir], (l) => packed.push(l))).toBe(0);
  const extensionId = /extension id ([a-p]{32})/.exec(packed.join('\n'))![1]!;

  const server = await startServer(releasesDir);
  const auth = { authorization: `Bearer ${server.ownerToken}` };
  let chrome: ChildProcess | undefined;
  let browser: Browser | undefined;
  let realPolicyFile: string | undefined;
  try {
    // The admin saves the rollout settings (creates the rollout enrollment token) and downloads the Linux file.
    const put = await fetch(`${server.url}/v1/rollout`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      // DevTools stay allowed on the extension so the test can look inside it: with the default
      // (`extensions`) Chromium refuses DevTools/CDP on force-installed extensions.
      body: JSON.stringify({ options: { developerTools: 'allowed' } }),
    });
    expect(put.status, await put.clone().text()).toBe(200);
    const info = (await put.json()) as { chromium: { extensionId: string; updateUrl: string } };
    expect(info.chromium).toEqual({ extensionId, updateUrl: `${server.url}/extension/update.xml` });
    const file = await fetch(`${server.url}/v1/rollout/files/chrome-linux.json`, { headers: auth });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="chrome-linux.json"');
    const policyText = await file.text();
    const policy = JSON.parse(policyText) as { '3rdparty': { extensions: Record<string, { serverUrl: string; enrollmentToken: string }> } };
    const managed = policy['3rdparty'].extensions[extensionId]!;
    expect(managed.serverUrl).toBe(server.url);

    const profile = join(work, 'profile');
    // Headless (new mode) force-installs; DAYLIGHT_MDM_HEADED=1 runs a windowed Chromium instead
    // (under Xvfb: `xvfb-run -a`), which works the same (docs/rollout.md).
    const headless = process.env.DAYLIGHT_MDM_HEADED === '1' ? [] : ['--headless=new'];
    const args = [
      '--no-sandbox',
      ...headless,
      '--disable-gpu',
      '--no-first-run',
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=0',
      'about:blank',
    ];
    if (mode.kind === 'namespace') {
      // A private /etc/chromium for this Chromium only: the distribution's files plus our policy.
      const etc = join(work, 'etc-chromium');
      mkdirSync(join(etc, 'policies', 'managed'), { recursive: true });
      if (existsSync('/etc/chromium/master_preferences')) copyFileSync('/etc/chromium/master_preferences', join(etc, 'master_preferences'));
      writeFileSync(join(etc, 'policies', 'managed', 'daylight.json'), policyText);
      const quoted = [findChromium(), ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
      chrome = spawn('unshare', ['-m', 'sh', '-c', `mount --bind '${etc}' /etc/chromium && exec ${quoted}`], { stdio: 'ignore' });
    } else {
      realPolicyFile = join(POLICY_DIR, `daylight-test-${process.pid}.json`);
      writeFileSync(realPolicyFile, policyText);
      chrome = spawn(findChromium(), args, { stdio: 'ignore' });
    }

    const port = await waitFor('DevToolsActivePort', async () => {
      const p = join(profile, 'DevToolsActivePort');
      return existsSync(p) ? readFileSync(p, 'utf8').split('\n')[0] || undefined : undefined;
    });
    browser = await pw.connectOverCDP(`http://127.0.0.1:${port}`);

    // Force-installed from update.xml: the extension of exactly that id runs (its service worker
    // is a DevTools target; Playwright does not list workers that started before it connected).
    const target = await waitFor('the force-installed extension', async () => {
      const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { id: string; type: string; url: string }[];
      return targets.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
    });
    expect(server.seen).toContain('GET /extension/update.xml');
    expect(server.seen.some((s) => /^GET \/extension\/daylight-[\d.]+\.crx$/.test(s))).toBe(true);

    // The extension sees the policy's managed storage: evaluated in its service worker over CDP.
    const storage = await waitFor('managed storage', async () => {
      const json = await evaluateIn(browser!, target.id, 'chrome.storage.managed.get(null).then((v) => JSON.stringify(v))');
      return json === '{}' ? undefined : (JSON.parse(String(json)) as unknown);
    });
    expect(storage).toEqual({ serverUrl: server.url, enrollmentToken: managed.enrollmentToken, lockSettings: true });

    // ...and enrolled with it: the device is in the tenant's device list.
    const devices = await waitFor('the device in GET /v1/devices', async () => {
      const res = await fetch(`${server.url}/v1/devices`, { headers: auth });
      const body = (await res.json()) as { devices: { agent: string }[] };
      return body.devices.length > 0 ? body.devices : undefined;
    });
    expect(devices).toHaveLength(1);
    expect(devices[0]!.agent).toBe('extension');
    expect(server.seen).toContain('POST /v1/enroll');
  } finally {
    await browser?.close().catch(() => undefined);
    if (chrome && chrome.exitCode === null) {
      const exited = new Promise((r) => chrome!.once('exit', r));
      chrome.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    if (realPolicyFile) rmSync(realPolicyFile, { force: true });
    await server.app.close();
    await server.db.close();
    rmSync(work, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
});
