/**
 * The extension against the real tenant API (embedded PGlite over real HTTP): enrollment, the
 * signed policy deciding, and the events that arrive at the server, metadata only.
 */
import type { Page, Worker } from '@playwright/test';
import { enrollExtension, expect, test } from './harness/fixtures.ts';
import type { TenantServer } from './harness/tenant.ts';

const EMAIL = 'ana.silva@acme-corp.com';
const CARD = '4539 1488 0343 6467'; // Luhn-valid test number

async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+V');
}

async function openSite(page: Page, url: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  await page.goto(url);
  await page.locator('[data-fake-composer]').click();
}

const dialog = (page: Page) => page.locator('daylight-dialog');
const composer = (page: Page) => page.locator('[data-fake-composer]');

function policy(dataRules: unknown[], extra: Record<string, unknown> = {}) {
  return { schemaVersion: 1, name: 'Browser test policy', data: { rules: dataRules }, ...extra };
}

async function setup(tenant: TenantServer, worker: Worker, dataRules: unknown[], extra: Record<string, unknown> = {}): Promise<void> {
  const version = await tenant.publish(policy(dataRules, extra));
  await enrollExtension(worker, tenant, { version });
}

/** Events of this test (the tenant server is shared by the tests of a worker). */
async function eventsSince(tenant: TenantServer, seen: number, action?: string) {
  const all = await tenant.events();
  return all.slice(seen).filter((e) => !action || e.action === action);
}

test('visits and pastes are reported; redact replaces values with typed placeholders', async ({
  context,
  extensionWorker,
  sites,
  tenant,
}) => {
  const before = (await tenant.events()).length;
  const sentBefore = sites.received('chatgpt.com').length;
  await setup(tenant, extensionWorker, [{ types: ['email'], action: 'redact' }]);
  const page = await context.newPage();
  await openSite(page, sites.url('chatgpt.com'));

  await paste(page, `Please write to ${EMAIL} about the renewal.`);
  await expect(dialog(page)).toHaveCount(1);
  await page.keyboard.press('Enter'); // "Insert redacted text" has focus
  await expect(composer(page)).toHaveText('Please write to [EMAIL_1] about the renewal.');
  await page.keyboard.press('Enter');
  await expect
    .poll(() =>
      sites
        .received('chatgpt.com')
        .slice(sentBefore)
        .map((r) => r.body.text),
    )
    .toEqual(['Please write to [EMAIL_1] about the renewal.']);

  await expect
    .poll(async () => (await eventsSince(tenant, before)).map((e) => `${e.action}:${e.decision}`), { timeout: 20_000 })
    .toEqual(expect.arrayContaining(['visit:monitored', 'paste:redact']));
  const [pasteEvent] = await eventsSince(tenant, before, 'paste');
  expect(pasteEvent).toMatchObject({
    app: 'chatgpt',
    host: 'chatgpt.com',
    data_types: [{ type: 'email', count: 1 }],
    user_id: 'ana.silva@acme.test',
  });
  expect(pasteEvent?.text_length).toBe(`Please write to ${EMAIL} about the renewal.`.length);
  expect(pasteEvent?.value_hashes).toHaveLength(1);
  expect(pasteEvent?.value_hashes?.[0]).toMatch(/^[0-9a-f]{64}$/);
});

test('pseudonymize: the app sees placeholders, the user sees the originals in the reply', async ({
  context,
  extensionWorker,
  sites,
  tenant,
}) => {
  const sentBefore = sites.received('claude.ai').length;
  await setup(tenant, extensionWorker, [{ types: ['email', 'credit_card'], action: 'pseudonymize' }]);
  const page = await context.newPage();
  await openSite(page, sites.url('claude.ai'));

  await paste(page, `Refund card ${CARD} and mail ${EMAIL}`);
  await expect(dialog(page)).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(composer(page)).toHaveText('Refund card [CREDIT_CARD_1] and mail [EMAIL_1]');
  await page.keyboard.press('Enter');

  await expect
    .poll(() =>
      sites
        .received('claude.ai')
        .slice(sentBefore)
        .map((r) => r.body.text),
    )
    .toEqual(['Refund card [CREDIT_CARD_1] and mail [EMAIL_1]']);
  const reply = page.locator('[data-fake-reply][data-done]');
  await expect(reply).toHaveText(`Sure. Drafting a note about: Refund card ${CARD} and mail ${EMAIL}`);
});

test('justify: the reason is required, then the paste goes in and the justification reaches the server', async ({
  context,
  extensionWorker,
  sites,
  tenant,
}) => {
  const before = (await tenant.events()).length;
  await setup(tenant, extensionWorker, [{ types: ['credit_card'], action: 'justify' }]);
  const page = await context.newPage();
  await openSite(page, sites.url('perplexity.ai'));
  const text = `Why was ${CARD} declined?`;

  await paste(page, text);
  await expect(dialog(page)).toHaveCount(1);
  // Focus starts on the reason; submitting without one keeps the dialog open.
  await page.keyboard.press('Tab'); // details
  await page.keyboard.press('Tab'); // cancel
  await page.keyboard.press('Tab'); // continue
  await page.keyboard.press('Enter');
  await expect(dialog(page)).toHaveCount(1);
  await page.keyboard.press('Tab'); // back to the reason
  await page.keyboard.press('ArrowDown'); // "Needed for my work"
  await page.keyboard.press('Tab');
  await page.keyboard.type('Customer support ticket 4411, test card from the vendor');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(dialog(page)).toHaveCount(0);
  await expect(composer(page)).toHaveValue(text);

  await expect.poll(async () => (await eventsSince(tenant, before, 'paste')).length, { timeout: 20_000 }).toBe(1);
  const [e] = await eventsSince(tenant, before, 'paste');
  expect(e?.decision).toBe('justify');
  expect(e?.justification).toBe('business: Customer support ticket 4411, test card from the vendor');
});

test('no matched value ever leaves the browser under the default privacy tier', async ({ context, extensionWorker, sites, tenant }) => {
  const seen = tenant.requests.length;
  await setup(tenant, extensionWorker, [
    { types: ['email'], action: 'warn' },
    { types: ['credit_card'], action: 'redact' },
  ]);
  const page = await context.newPage();
  await openSite(page, sites.url('chatgpt.com'));
  await paste(page, `Card ${CARD}`);
  await page.keyboard.press('Enter'); // insert redacted
  await paste(page, ` cc ${EMAIL}`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // continue anyway
  await expect(composer(page)).toContainText(EMAIL);
  await expect
    .poll(async () => (await tenant.events()).filter((e) => e.action === 'paste').length, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(2);

  const sent = tenant.requests.slice(seen);
  expect(sent.some((r) => r.url === '/v1/events')).toBe(true);
  const digits = CARD.replace(/\s/g, '');
  for (const r of sent) {
    const all = `${r.url} ${JSON.stringify(r.headers)} ${r.body}`;
    expect(all).not.toContain(EMAIL);
    expect(all).not.toContain(CARD);
    expect(all.replace(/\s/g, '')).not.toContain(digits);
  }
});

test('block: a blocked AI app is redirected to the block page, which offers the alternative and sends an access request', async ({
  context,
  extensionWorker,
  extensionId,
  sites,
  tenant,
}) => {
  const before = (await tenant.events()).length;
  const sentBefore = sites.received('chat.deepseek.com').length;
  const version = await tenant.publish({
    schemaVersion: 1,
    apps: {
      rules: [
        { apps: ['chatgpt'], action: 'sanctioned' },
        { apps: ['deepseek'], action: 'block', message: 'DeepSeek is not approved: data is stored outside the EU.' },
      ],
    },
  });
  await enrollExtension(extensionWorker, tenant, { version });
  const page = await context.newPage();
  await expect
    .poll(async () => {
      await page.goto(sites.url('chat.deepseek.com', '/c/42')).catch(() => undefined);
      return new URL(page.url()).protocol;
    })
    .toBe('chrome-extension:');
  expect(new URL(page.url()).host).toBe(extensionId);
  expect(sites.received('chat.deepseek.com').slice(sentBefore)).toEqual([]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This AI app is blocked by your organization');
  await expect(page.locator('[data-part="message"]')).toHaveText('DeepSeek is not approved: data is stored outside the EU.');
  await expect(page.locator('[data-part="alternatives"] a')).toHaveText(['ChatGPT']);

  await page.getByRole('button', { name: 'Request access' }).click();
  await expect(page.getByRole('alert')).toContainText('choose a reason');
  await page.getByLabel('Reason').selectOption('business');
  await page.getByLabel(/What do you need it for/).fill('Benchmarking its coding answers for the platform team');
  await page.getByRole('button', { name: 'Request access' }).click();
  await expect(page.getByRole('status')).toContainText('sent to your administrators');

  await expect
    .poll(
      async () =>
        (await eventsSince(tenant, before, 'visit')).filter((e) => e.justification).map((e) => [e.app, e.decision, e.justification]),
      {
        timeout: 20_000,
      },
    )
    .toEqual([['deepseek', 'block', 'access-request business: Benchmarking its coding answers for the platform team']]);
});

test('heartbeat: the site adapter self-check reaches the server', async ({ context, extensionWorker, sites, tenant }) => {
  await setup(tenant, extensionWorker, []);
  const page = await context.newPage();
  await openSite(page, sites.url('gemini.google.com'));
  const adapters = async () => {
    const rows = await tenant.db.query<{
      body: { extension?: { adapters: { id: string; composerFound: boolean; sendHooked: boolean }[] } };
    }>('SELECT body FROM device_heartbeats WHERE tenant_id = $1', [tenant.tenantId]);
    return rows.flatMap((r) => r.body.extension?.adapters ?? []).filter((a) => a.id === 'gemini');
  };
  await expect
    .poll(async () => (await adapters()).map((a) => [a.composerFound, a.sendHooked]), { timeout: 20_000 })
    .toContainEqual([true, true]);
});

test('options page: an unmanaged install is connected by hand, bad input gets a clear error', async ({ context, extensionId, tenant }) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/ui/options/index.html`);
  await expect(page.getByRole('status')).toHaveText('Not connected yet.');
  await page.getByLabel('Daylight server URL').fill('ftp://nowhere');
  await page.getByLabel('Enrollment token').fill('not-a-token');
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await expect(page.getByRole('alert')).toContainText('enrollmentToken: an enrollment token (dle_...)');
  await page.getByLabel('Daylight server URL').fill(tenant.url);
  await page.getByLabel('Enrollment token').fill(tenant.enrollmentToken);
  await page.getByLabel(/work e-mail/).fill('carla@acme.test');
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await expect(page.getByRole('status')).toContainText('Connected · policy', { timeout: 15_000 });
  const [device] = await tenant.db.query<{ user_id: string }>(
    "SELECT user_id FROM devices WHERE tenant_id = $1 AND user_id = 'carla@acme.test'",
    [tenant.tenantId],
  );
  expect(device?.user_id).toBe('carla@acme.test');
});

test('a rule for a directory group (SCIM from the identity provider) applies to its members without MDM listing the group', async ({
  context,
  extensionWorker,
  sites,
  tenant,
}) => {
  const api = (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${tenant.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const scim = ((await (await api('POST', '/v1/scim-tokens', tenant.ownerToken, { name: 'Okta' })).json()) as { token: string }).token;
  const user = await api('POST', '/scim/v2/Users', scim, {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: 'Ana.Silva@acme.test',
    active: true,
  });
  expect(user.status).toBe(201);
  const userId = ((await user.json()) as { id: string }).id;
  const group = await api('POST', '/scim/v2/Groups', scim, {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    displayName: 'Contractors',
    members: [{ value: userId }],
  });
  expect(group.status).toBe(201);
  const version = await tenant.publish({
    schemaVersion: 1,
    apps: { rules: [{ apps: ['perplexity'], groups: ['Contractors'], action: 'block', message: 'Contractors may not use Perplexity.' }] },
  });
  // MDM gives no groups: only the directory says Ana is a contractor.
  await enrollExtension(extensionWorker, tenant, { version, userId: 'ana.silva@acme.test' });
  await expect
    .poll(() => extensionWorker.evaluate(async () => (await chrome.storage.local.get('directory'))['directory']), { timeout: 20_000 })
    .toEqual({ groups: ['Contractors'], provisioned: true });
  const page = await context.newPage();
  await expect
    .poll(async () => {
      await page.goto(sites.url('www.perplexity.ai', '/')).catch(() => undefined);
      return new URL(page.url()).protocol;
    })
    .toBe('chrome-extension:');
  await expect(page.locator('[data-part="message"]')).toHaveText('Contractors may not use Perplexity.');
});
