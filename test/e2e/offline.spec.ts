/**
 * Offline: with the server down, events wait in the durable queue (storage.local); the extension
 * restarts (worker and all); when the server is back, every event arrives exactly once.
 */
import { enrollExtension, expect, test } from './harness/fixtures.ts';

test('500 events queued while the server is down arrive exactly once after a restart', async ({
  context,
  extensionWorker,
  extensionId,
  sites,
  tenant,
}) => {
  test.setTimeout(180_000);
  const version = await tenant.publish({ schemaVersion: 1, data: { defaultAction: 'allow', rules: [] } });
  await enrollExtension(extensionWorker, tenant, { version });
  const page = await context.newPage();
  await page.goto(sites.url('chat.mistral.ai'));
  const before = await tenant.db.query<{ n: number }>("SELECT count(*)::int AS n FROM events WHERE tenant_id = $1 AND action = 'paste'", [
    tenant.tenantId,
  ]);

  await tenant.pause();
  // 500 pastes, each carrying one e-mail address: allowed by policy, and reported.
  await page.evaluate(() => {
    const box = document.querySelector('[data-fake-composer]') as HTMLElement;
    for (let i = 0; i < 500; i++) {
      const dt = new DataTransfer();
      dt.setData('text/plain', `ping user${i}@acme-corp.com`);
      box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }
  });
  const queued = async () =>
    (await context
      .serviceWorkers()
      .find((w) => w.url().includes(extensionId))
      ?.evaluate(async () => {
        const o = (await chrome.storage.local.get('outbox'))['outbox'] as { events?: { action: string }[] } | undefined;
        return (o?.events ?? []).filter((e) => e.action === 'paste').length;
      })) ?? -1;
  await expect.poll(queued, { timeout: 60_000 }).toBe(500);

  // Stop the service worker as the browser does when it is idle: its memory is gone, storage stays.
  const internals = await context.newPage();
  await internals.goto('chrome://serviceworker-internals/');
  const registration = internals.locator('.serviceworker-registration', { hasText: `chrome-extension://${extensionId}/` });
  await registration.locator('cr-button[data-command="stop"]').first().click();
  await expect(registration.locator('.serviceworker-running-status').first()).toContainText('STOPPED');
  // The next wake-up (here: the popup asking for status) starts a fresh worker that finds the queue.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/ui/popup/index.html`);
  await expect(popup.locator('#enrollment')).toContainText(/ 50[01] events queued/);
  await expect(registration.locator('.serviceworker-running-status').first()).toContainText('RUNNING');

  await tenant.resume();
  const worker = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)) ?? extensionWorker;
  await worker.evaluate(() => chrome.alarms.create('daylight-sync-now', { when: Date.now() }));
  const stored = async () =>
    (
      await tenant.db.query<{ n: number; distinct_ids: number }>(
        "SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS distinct_ids FROM events WHERE tenant_id = $1 AND action = 'paste'",
        [tenant.tenantId],
      )
    )[0];
  await expect.poll(async () => (await stored())?.n, { timeout: 90_000 }).toBe((before[0]?.n ?? 0) + 500);
  expect((await stored())?.distinct_ids).toBe((before[0]?.n ?? 0) + 500);
  // The rollups count each event once too.
  const [rollup] = await tenant.db.query<{ n: number }>(
    "SELECT coalesce(sum(events), 0)::int AS n FROM usage_daily WHERE tenant_id = $1 AND action = 'paste'",
    [tenant.tenantId],
  );
  expect(rollup?.n).toBe((before[0]?.n ?? 0) + 500);
  await expect.poll(queued).toBe(0);
});
