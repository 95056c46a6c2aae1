/**
 * The justification loop end to end: a justified paste in the extension reaches the review queue,
 * a reviewer approves it for one hour, the next signed policy carries the exception, the same
 * paste goes in without asking, and once the exception expires the extension asks again.
 *
 * Expiry without waiting an hour: the server's clock is set back (harness `setClockOffset`) so the
 * hour it grants ends shortly after real time; the extension checks `until` against the browser's
 * real clock, unchanged.
 */
import type { Page } from '@playwright/test';
import type { ReviewItem } from '../../shared/contracts/review.ts';
import { enrollExtension, expect, test, waitForPolicy } from './harness/fixtures.ts';
import type { TenantServer } from './harness/tenant.ts';

const CARD = '4539 1488 0343 6467'; // Luhn-valid test number
const TEXT = `Why was ${CARD} declined?`;
const USER = 'ana.silva@acme.test';
/** Real time left of the granted hour when the reviewer approves. */
const LEFT_MS = 45_000;

const dialog = (page: Page) => page.locator('daylight-dialog');
const composer = (page: Page) => page.locator('[data-fake-composer]');

async function openAndPaste(page: Page, url: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  await page.goto(url);
  await composer(page).click();
  await page.evaluate((t) => navigator.clipboard.writeText(t), TEXT);
  await page.keyboard.press('Control+V');
}

async function api<T>(tenant: TenantServer, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${tenant.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${tenant.ownerToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(json)}`);
  return json;
}

test('a justified paste is reviewed, approved for an hour, allowed while the exception lasts, asked again after', async ({
  context,
  extensionWorker,
  sites,
  tenant,
}) => {
  test.setTimeout(150_000);
  const version = await tenant.publish({
    schemaVersion: 1,
    name: 'Review test policy',
    data: { rules: [{ types: ['credit_card'], action: 'justify' }] },
  });
  await enrollExtension(extensionWorker, tenant, { version, userId: USER });
  const url = sites.url('perplexity.ai');

  // 1. The user pastes a card number and justifies it.
  const first = await context.newPage();
  await openAndPaste(first, url);
  await expect(dialog(first)).toHaveCount(1);
  await first.keyboard.press('ArrowDown'); // reason: "Needed for my work"
  await first.keyboard.press('Tab');
  await first.keyboard.type('Vendor sent this test card for ticket 4411');
  await first.keyboard.press('Tab'); // cancel
  await first.keyboard.press('Tab'); // continue
  await first.keyboard.press('Enter');
  await expect(dialog(first)).toHaveCount(0);
  await expect(composer(first)).toHaveValue(TEXT);
  await first.close();

  // 2. It appears in the review queue.
  let item: ReviewItem | undefined;
  await expect
    .poll(
      async () => {
        const q = await api<{ items: ReviewItem[] }>(tenant, 'GET', '/v1/justifications?status=pending');
        item = q.items.find((i) => i.app === 'perplexity' && i.action === 'paste');
        return item?.text;
      },
      { timeout: 20_000 },
    )
    .toBe('business: Vendor sent this test card for ticket 4411');
  expect(item).toMatchObject({ userId: USER, decision: 'justify', dataTypes: [{ type: 'credit_card', count: 1 }] });

  // 3. A reviewer approves it for one hour, on a server clock set back so that hour ends soon.
  tenant.setClockOffset(-(3600_000 - LEFT_MS));
  const approved = await api<{ policyVersion: number; exception: { id: string; until: string; users: string[] } }>(
    tenant,
    'POST',
    `/v1/justifications/${item!.id}/approve`,
    { scope: 'user', durationMinutes: 60 },
  );
  tenant.setClockOffset(0);
  const until = Date.parse(approved.exception.until);
  expect(until - Date.now()).toBeGreaterThan(LEFT_MS - 10_000);
  expect(approved.exception.users).toEqual([USER]);

  // 4. The extension gets the next signed policy, which carries the exception.
  await waitForPolicy(extensionWorker, approved.policyVersion);
  const stored = await extensionWorker.evaluate(async () => {
    const p = (await chrome.storage.local.get('policy'))['policy'] as { signed: { policy: { exceptions: { id: string }[] } } };
    return p.signed.policy.exceptions.map((e) => e.id);
  });
  expect(stored).toEqual([approved.exception.id]);

  // 5. The same paste now goes in without a dialog, and is reported as allowed.
  const before = (await tenant.events()).length;
  const second = await context.newPage();
  await openAndPaste(second, url);
  await expect(composer(second)).toHaveValue(TEXT);
  await expect(dialog(second)).toHaveCount(0);
  await expect
    .poll(async () => (await tenant.events()).slice(before).map((e) => `${e.action}:${e.decision}`), { timeout: 20_000 })
    .toContain('paste:allow');
  expect(Date.now()).toBeLessThan(until);
  await second.close();

  // 6. After the exception's end (browser's real clock), the same paste is asked about again.
  await expect.poll(() => Date.now() > until + 1000, { timeout: LEFT_MS + 10_000, intervals: [1000] }).toBe(true);
  const third = await context.newPage();
  await openAndPaste(third, url);
  await expect(dialog(third)).toHaveCount(1);
  await expect(composer(third)).toHaveValue('');
});

test("a denied justification's message reaches the user in the extension popup", async ({
  context,
  extensionWorker,
  extensionId,
  sites,
  tenant,
}) => {
  const version = await tenant.publish({
    schemaVersion: 1,
    name: 'Review test policy (deny)',
    data: { rules: [{ types: ['credit_card'], action: 'justify' }] },
  });
  await enrollExtension(extensionWorker, tenant, { version, userId: 'rui.costa@acme.test' });
  const page = await context.newPage();
  await openAndPaste(page, sites.url('perplexity.ai'));
  await expect(dialog(page)).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Checking a refund');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(dialog(page)).toHaveCount(0);

  let item: ReviewItem | undefined;
  await expect
    .poll(
      async () => {
        const q = await api<{ items: ReviewItem[] }>(tenant, 'GET', '/v1/justifications?status=pending');
        item = q.items.find((i) => i.userId === 'rui.costa@acme.test');
        return item !== undefined;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  const message = 'Card numbers stay out of AI apps; use the masked export.';
  await api(tenant, 'POST', `/v1/justifications/${item!.id}/deny`, { message });

  // The next sync fetches the notice; the badge counts it and the popup shows it.
  await expect
    .poll(
      async () => {
        await extensionWorker.evaluate(() => chrome.alarms.create('daylight-sync-now', { when: Date.now() }).then(() => undefined));
        return extensionWorker.evaluate(() => chrome.action.getBadgeText({}));
      },
      { timeout: 20_000, intervals: [500] },
    )
    .toBe('1');
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/ui/popup/index.html`);
  await expect(popup.locator('#notices li')).toHaveText([`Request declined (perplexity): ${message}`]);
  await expect.poll(() => extensionWorker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
});
