import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, expect, test } from './harness/fixtures.ts';

test('the service worker runs and the content script runs on an AI site, not elsewhere', async ({ context, extensionWorker, sites }) => {
  expect(extensionWorker.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\//);
  // The worker answers: it is alive and its listeners are registered.
  const manifestName = await extensionWorker.evaluate(() => chrome.runtime.getManifest().name);
  expect(manifestName).toBe('Daylight');

  const page = await context.newPage();
  await page.goto(sites.url('example.com'));
  await expect(page.locator('h1')).toHaveText('Example Domain');
  await page.goto(sites.url('chatgpt.com'));
  await expect(page.locator('#prompt-textarea')).toBeVisible();

  const activity = async (): Promise<Array<{ host: string; appId: string }>> =>
    extensionWorker.evaluate(
      async () => ((await chrome.storage.session.get('recentActivity')).recentActivity ?? []) as Array<{ host: string; appId: string }>,
    );
  await expect.poll(async () => (await activity()).map((a) => a.host)).toContain('chatgpt.com');
  const hosts = (await activity()).map((a) => a.host);
  expect(hosts).not.toContain('example.com');
  expect((await activity()).find((a) => a.host === 'chatgpt.com')?.appId).toBe('chatgpt');
});

test('the manifest does not ask to run on non-AI hosts', () => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    content_scripts: Array<{ matches: string[] }>;
    host_permissions?: string[];
  };
  const matches = manifest.content_scripts.flatMap((c) => c.matches);
  expect(matches).toContain('https://*.chatgpt.com/*');
  expect(matches.some((m) => m.includes('example.com') || m.includes('<all_urls>') || m.startsWith('*://*/'))).toBe(false);
});

test('fake sites reproduce the composers: ProseMirror paste and Enter-to-send reach the site', async ({ context, sites }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sites.url('claude.ai').replace(/\/$/, '') });
  const page = await context.newPage();
  const before = sites.received('claude.ai').length;
  await page.goto(sites.url('claude.ai'));
  const composer = page.locator('[data-fake-composer]');
  await composer.click();
  await page.evaluate(() => navigator.clipboard.writeText('hello from the clipboard'));
  await page.keyboard.press('Control+V');
  await expect(composer).toHaveText('hello from the clipboard');
  await page.keyboard.press('Enter');
  await expect
    .poll(() =>
      sites
        .received('claude.ai')
        .slice(before)
        .map((r) => r.body.text),
    )
    .toEqual(['hello from the clipboard']);
});
