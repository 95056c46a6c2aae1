/**
 * The guard in real Chromium with the built-in default policy (no server): secrets are blocked,
 * a handful of e-mail addresses warns, ordinary text passes untouched. What the fake site receives
 * is what the decision says.
 */
import { crc32 } from 'node:zlib';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './harness/fixtures.ts';

/** A synthetic GitHub token with a valid checksum (CRC-32 of the body in base 62), as real ones carry. */
function githubToken(body: string): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let n = crc32(body);
  let check = '';
  for (let i = 0; i < 6; i++) {
    check = alphabet[n % 62] + check;
    n = Math.floor(n / 62);
  }
  return `ghp_${body}${check}`;
}
const TOKEN = githubToken('x7Qm2LpR9vT4nB8kW1cZ6hY3dF5sJ0');
const EMAILS = ['ana.silva@acme-corp.com', 'b.chen@acme-corp.com', 'carla@contoso-mail.net', 'dev.ops@northwind.io', 'erik.l@fabrikam.org'];

async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+V');
}

async function open(context: BrowserContext, url: string): Promise<Page> {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('[data-fake-composer]').click();
  return page;
}

const dialog = (page: Page) => page.locator('daylight-dialog');

test('ordinary text pastes untouched', async ({ context, sites }) => {
  const page = await open(context, sites.url('chatgpt.com'));
  await paste(page, 'Summarise our Q3 roadmap in three bullets.');
  await expect(page.locator('[data-fake-composer]')).toHaveText('Summarise our Q3 roadmap in three bullets.');
  await expect(dialog(page)).toHaveCount(0);
});

for (const host of ['chatgpt.com', 'copilot.microsoft.com'] as const) {
  test(`a pasted token is blocked on ${host}: nothing reaches the editor`, async ({ context, sites }) => {
    const page = await open(context, sites.url(host));
    await paste(page, `deploy with GITHUB_TOKEN=${TOKEN} please`);
    await expect(dialog(page)).toHaveCount(1);
    await page.keyboard.press('Enter'); // the dialog's only button (OK) has focus
    await expect(dialog(page)).toHaveCount(0);
    const composer = page.locator('[data-fake-composer]');
    if (host === 'copilot.microsoft.com') await expect(composer).toHaveValue('');
    else await expect(composer).toHaveText('');
    expect(await page.evaluate(() => (window as { __pasted?: number }).__pasted ?? 0)).toBe(0);
  });
}

test('warn: cancel keeps the paste out, continue lets it in', async ({ context, sites }) => {
  const page = await open(context, sites.url('claude.ai'));
  const before = sites.received('claude.ai').length;
  const text = `Invite list: ${EMAILS.join(', ')}`;
  await paste(page, text);
  await expect(dialog(page)).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.locator('[data-fake-composer]')).toHaveText('');

  await paste(page, text);
  await expect(dialog(page)).toHaveCount(1);
  // Focus starts on Cancel; Tab moves to "Continue anyway".
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-fake-composer]')).toHaveText(text);
  // Sending the values the user already chose to share is not asked about again.
  await page.keyboard.press('Enter');
  await expect
    .poll(() =>
      sites
        .received('claude.ai')
        .slice(before)
        .map((r) => r.body.text),
    )
    .toEqual([text]);
  await expect(dialog(page)).toHaveCount(0);
});

test('typed secret is stopped at send time (Enter and the send button)', async ({ context, sites }) => {
  const page = await open(context, sites.url('copilot.microsoft.com'));
  await page.keyboard.type(`use ${TOKEN} for the CI job`);
  await page.keyboard.press('Enter');
  await expect(dialog(page)).toHaveCount(1);
  await page.keyboard.press('Enter');
  await page.locator('#send').click();
  await expect(dialog(page)).toHaveCount(1);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  expect(sites.received('copilot.microsoft.com').filter((r) => JSON.stringify(r.body).includes(TOKEN))).toEqual([]);
});

test('while the page is still loading (before the classifier part has loaded), pastes are held and then decided', async ({
  context,
  sites,
}) => {
  const url = sites.url('chatgpt.com', '/?slow=3000');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  const composer = page.locator('[data-fake-composer]');
  await composer.click();
  // A parser-blocking script keeps the page loading, so the document_idle part is not there yet.
  expect(await page.evaluate(() => document.readyState)).toBe('loading');
  await paste(page, 'Summarise our Q3 roadmap.');
  await paste(page, `deploy with GITHUB_TOKEN=${TOKEN} please`);
  expect(await page.evaluate(() => document.readyState)).toBe('loading');
  await expect(composer).toHaveText('');
  // Once loaded: the token is blocked (dialog), the ordinary text goes in.
  await expect(dialog(page)).toHaveCount(1, { timeout: 10_000 });
  await page.keyboard.press('Enter');
  await expect(dialog(page)).toHaveCount(0);
  await expect(composer).toHaveText('Summarise our Q3 roadmap.');
  // The page saw one paste: the ordinary text, re-inserted by the guard; never the token.
  expect(await page.evaluate(() => (window as { __pasted?: number }).__pasted ?? 0)).toBe(1);
});
