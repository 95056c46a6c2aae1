/**
 * The admin dashboard in real Chromium against the real server on PGlite with a seeded demo tenant:
 * sign in through the one-time link, visit every page (screenshot at 1440x900 into
 * test-results/screens/, axe-core: no serious or critical violation), act on the main flows and
 * check their effect through the API.
 */
import { chromium, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findChromium, QUIET_FLAGS } from './harness/chromium.ts';
import { axe, DASHBOARD_PAGES, settled, startDashboardServer, type DashboardServer } from './harness/dashboard.ts';

const SCREENS = resolve(import.meta.dirname, '../../test-results/screens');

test.describe.configure({ mode: 'serial' });

let server: DashboardServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startDashboardServer({ users: 120 });
  browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: QUIET_FLAGS });
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    timezoneId: 'Europe/Berlin',
    locale: 'en-US',
    acceptDownloads: true,
  });
  page = await context.newPage();
  mkdirSync(SCREENS, { recursive: true });
});

test.afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const nav = (p: Page) => p.getByRole('navigation', { name: 'Dashboard pages' });

async function goTo(p: Page, label: string): Promise<number> {
  const t0 = Date.now();
  await nav(p).getByRole('link', { name: label, exact: true }).click();
  await expect(p.locator('main h1').first()).toHaveText(label === 'Devices & coverage' ? 'Devices & coverage' : label);
  await settled(p);
  return Date.now() - t0;
}

test('signs in with the one-time link; the link works once and leaves the address bar', async () => {
  await page.goto(server.ownerSignIn);
  await expect(page).toHaveURL(/\/app\/overview$/);
  await expect(page.locator('main h1')).toHaveText('Overview');
  await expect(nav(page).getByRole('link')).toHaveCount(DASHBOARD_PAGES.length);
  // Used links fail with an explanation, in another browser context.
  const other = await browser.newPage();
  await other.goto(server.ownerSignIn);
  await expect(other.getByRole('alert')).toContainText(/used|expired|Unknown/i);
  await other.close();
});

test('every page loads, has no serious accessibility violation, and is captured at 1440x900', async () => {
  test.setTimeout(180_000);
  const timings: Record<string, number> = {};
  for (const p of DASHBOARD_PAGES) {
    timings[p.path] = await goTo(page, p.label);
    await expect(page).toHaveURL(new RegExp(`/app/${p.path}$`));
    await expect(page.getByRole('alert').filter({ hasText: 'Could not load' })).toHaveCount(0);
    await page.screenshot({ path: join(SCREENS, `${p.path}.png`) });
    const bad = (await axe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad, `${p.path}: ${JSON.stringify(bad, null, 1)}`).toEqual([]);
  }
  writeFileSync(join(SCREENS, 'timings.json'), JSON.stringify(timings, null, 2));
});

test('overview shows the seeded usage; a reload keeps the session (cookie)', async () => {
  await goTo(page, 'Overview');
  await expect(page.locator('.kpi').first()).toContainText(/\d/);
  await expect(page.locator('.chart canvas')).toHaveCount(1);
  await page.reload();
  await settled(page);
  await expect(page.locator('main h1')).toHaveText('Overview');
});

test('sanctions an app in one click: a new signed policy, seen through the API', async () => {
  const before = (await server.api('/v1/policies')).body as { current: number };
  await goTo(page, 'Shadow AI');
  const row = page.getByRole('row').filter({ hasText: 'DeepSeek' }).first();
  await expect(row).toContainText('warn');
  await row.getByRole('button', { name: /^Sanction DeepSeek/ }).click();
  await expect(page.locator('.toast')).toContainText('policy version');
  await expect(row.getByRole('button', { name: /^Sanction DeepSeek/ })).toHaveAttribute('aria-pressed', 'true');
  const after = (await server.api('/v1/policies')).body as { current: number };
  expect(after.current).toBe(before.current + 1);
  const apps = (await server.api('/v1/reports/apps-seen')).body as { rows: { app: string; status: string }[] };
  expect(apps.rows.find((a) => a.app === 'deepseek')?.status).toBe('sanctioned');
  const signed = (await server.api(`/v1/policies/${after.current}`)).body as { signature: string; policy: { apps: { rules: unknown[] } } };
  expect(signed.signature).toMatch(/^[0-9a-f]{128}$/);
  expect(signed.policy.apps.rules[0]).toEqual({ apps: ['deepseek'], action: 'sanctioned' });
});

test('exports CSV from a server report and from a client-side table', async () => {
  await goTo(page, 'Shadow AI');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe(
    'app,name,vendor,category,risk,status,users,events,first_seen,last_seen,allow,warn,justify,redact,block,sanctioned,monitored',
  );
  expect(csv).toContain('chatgpt,ChatGPT,OpenAI');
  await goTo(page, 'Devices & coverage');
  const [d2] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const devCsv = readFileSync((await d2.path())!, 'utf8').split('\r\n');
  expect(devCsv[0]).toMatch(/^hostname,user,agent/);
  expect(devCsv.filter(Boolean).length - 1).toBe(server.seeded.devices);
});

test('data events: filter and drill down, metadata only', async () => {
  await goTo(page, 'Data events');
  await page.getByLabel('Data type').fill('credit_card');
  await page.getByRole('button', { name: 'Apply' }).click();
  await settled(page);
  const rows = page.locator('main tbody tr');
  await expect(rows.first()).toContainText('credit_card');
  await rows
    .first()
    .getByRole('button', { name: /^Open details/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Event details' })).toBeVisible();
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/[0-9a-f]{64}/); // no value hashes
});

test('publishes an edited policy with a diff preview', async () => {
  await goTo(page, 'Policy');
  const publish = page.getByRole('button', { name: 'Publish new version' });
  await expect(publish).toBeDisabled();
  await page.getByLabel('Policy name').fill('Northwind AI policy (edited)');
  await expect(page.locator('.diff .add')).toContainText('Northwind AI policy (edited)');
  await page.getByRole('button', { name: 'Add data rule' }).click();
  await page.getByLabel('Data types').last().fill('not_a_type');
  await expect(page.getByRole('alert')).toContainText('data.rules');
  await expect(publish).toBeDisabled();
  await page.getByLabel('Data types').last().fill('iban');
  await expect(publish).toBeEnabled();
  await publish.click();
  await expect(page.locator('.toast')).toContainText('published');
  const list = (await server.api('/v1/policies')).body as { current: number };
  const cur = (await server.api(`/v1/policies/${list.current}`)).body as {
    policy: { name: string; data: { rules: { types: string[] }[] } };
  };
  expect(cur.policy.name).toBe('Northwind AI policy (edited)');
  expect(cur.policy.data.rules.at(-1)?.types).toEqual(['iban']);
});

test('detectors: exact values are hashed in the browser, tested live, published', async () => {
  await goTo(page, 'Detectors');
  await page.getByLabel('Kind').selectOption('edm');
  await page.getByLabel('Id').fill('codenames');
  await page.getByLabel('Name', { exact: true }).fill('Project code names');
  await page.getByLabel(/Values, one per line/).fill('Blue Falcon\nRed Heron');
  await page.getByRole('button', { name: 'Hash and add' }).click();
  await expect(page.locator('.findings')).toContainText('tenant:codenames');
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST') sent.push(r.postData() ?? '');
  });
  await page.getByRole('button', { name: 'Publish detectors' }).click();
  await expect(page.locator('.toast')).toContainText('Detectors saved');
  expect(sent.join('\n')).not.toContain('Falcon');
  const list = (await server.api('/v1/policies')).body as { current: number };
  const cur = (await server.api(`/v1/policies/${list.current}`)).body as {
    policy: { detectors: { id: string; kind: string; hashes: string[] }[] };
  };
  expect(cur.policy.detectors).toEqual([expect.objectContaining({ id: 'codenames', kind: 'edm', hashes: expect.any(Array) })]);
  expect(cur.policy.detectors[0]!.hashes).toHaveLength(2);
});

test('audit log shows the chain verified and the publications made above', async () => {
  await goTo(page, 'Audit log');
  await expect(page.locator('.verify.ok')).toContainText('verified');
  await expect(page.locator('main tbody tr').first()).toContainText('policy.publish');
});

test('keyboard only: skip link, navigation, and the details of a row', async () => {
  await page.goto(`${server.url}/app/overview`);
  await settled(page);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(nav(page).getByRole('link', { name: 'Overview' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(nav(page).getByRole('link', { name: 'Data events' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main h1')).toHaveText('Data events');
  await expect(page.locator('main h1')).toBeFocused();
  await settled(page);
  await page
    .getByRole('button', { name: /^Open details/ })
    .first()
    .focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Event details' })).toBeVisible();
});

test('approves a justification from the review queue: the exception is in the next policy', async () => {
  const before = await server.api('/v1/justifications?status=pending');
  expect(before.status).toBe(200);
  const pending = (before.body as { items: { id: string; userId: string }[] }).items;
  expect(pending.length).toBeGreaterThan(0);
  const policyBefore = await server.api('/v1/policies');
  await goTo(page, 'Justifications');
  await page.getByLabel('Approve for').selectOption({ label: '1 day' });
  const first = pending[0]!;
  await page
    .locator('main tbody tr')
    .first()
    .getByRole('button', { name: /^Approve/ })
    .click();
  await expect(page.locator('.toast')).toContainText('Approved for 1 day');
  const approved = await server.api('/v1/justifications?status=approved');
  expect(approved.status).toBe(200);
  const items = (approved.body as { items: { id: string; status: string; exceptionId: string | null }[] }).items;
  expect(items.map((i) => i.id)).toContain(first.id);
  const exceptionId = items.find((i) => i.id === first.id)?.exceptionId;
  expect(exceptionId).toBeTruthy();
  // A new signed policy version carries the exception, for about a day.
  const policies = (await server.api('/v1/policies')).body as { versions?: { version: number }[]; policies?: { version: number }[] };
  const list = policies.versions ?? policies.policies ?? [];
  const newest = Math.max(...list.map((p) => p.version));
  const oldList = (policyBefore.body as typeof policies).versions ?? (policyBefore.body as typeof policies).policies ?? [];
  expect(newest).toBeGreaterThan(Math.max(...oldList.map((p) => p.version)));
  const doc = JSON.stringify((await server.api(`/v1/policies/${newest}`)).body);
  expect(doc).toContain(exceptionId!);
});

test('rollout: sets up the MDM files and downloads each one', async () => {
  test.setTimeout(120_000);
  await goTo(page, 'Rollout');
  await page.getByRole('button', { name: 'Set up rollout files' }).click();
  await expect(page.locator('.toast')).toContainText('Rollout settings saved');
  const info = (await server.api('/v1/rollout')).body as { files: { name: string }[]; enrollmentToken: { id: string } | null };
  expect(info.enrollmentToken).not.toBeNull();
  expect(info.files.length).toBeGreaterThanOrEqual(10);
  const links = page.getByRole('link', { name: /^Download / });
  await expect(links).toHaveCount(info.files.length);
  for (const [i, f] of info.files.entries()) {
    // Chromium holds back a tab's many quick downloads (its multiple-downloads guard): a fresh load every few files.
    if (i > 0 && i % 5 === 0) await page.reload();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }).catch(() => {
        throw new Error(`no download for ${f.name}`);
      }),
      page.getByRole('link', { name: `Download ${f.name}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(f.name);
    const raw = readFileSync((await download.path())!);
    // .reg files are UTF-16LE with a byte order mark, as regedit writes them.
    const body = raw[0] === 0xff && raw[1] === 0xfe ? raw.subarray(2).toString('utf16le') : raw.toString('utf8');
    expect(body.length, f.name).toBeGreaterThan(50);
    expect(body, `${f.name} carries the server URL`).toMatch(/https?:\/\/|serverUrl|Daylight/);
  }
  await page.screenshot({ path: join(SCREENS, 'rollout-files.png') });
});

test('role-aware: an analyst sees reports but no audit log and cannot publish', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const p = await ctx.newPage();
  await p.goto(await server.invite('analyst', 'analyst@northwind.example'));
  await expect(p.locator('main h1')).toHaveText('Overview');
  await expect(nav(p).getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await expect(nav(p).getByRole('link', { name: 'Rollout' })).toHaveCount(0);
  await goTo(p, 'Shadow AI');
  await expect(p.getByRole('button', { name: /^Sanction / })).toHaveCount(0);
  await goTo(p, 'Policy');
  await expect(p.getByRole('button', { name: 'Publish new version' })).toHaveCount(0);
  await ctx.close();

  const rctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const r = await rctx.newPage();
  await r.goto(await server.invite('reviewer', 'reviewer@northwind.example'));
  await expect(r.locator('main h1')).toHaveText('Justifications');
  await expect(nav(r).getByRole('link')).toHaveCount(2); // Justifications, Integrations
  await r.screenshot({ path: join(SCREENS, 'reviewer-justifications.png') });
  await rctx.close();
});
