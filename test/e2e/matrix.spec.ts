/**
 * The decision matrix: every input path the extension guards, under every decision a tenant's
 * policy can make, in real Chromium against the real tenant API (embedded PGlite over HTTP) and the
 * fake AI sites. For each cell: the site receives exactly what the decision says (the original
 * text, the redacted text, or nothing), and the matching event (action, decision, outcome, types,
 * length) arrives at the server. One test per decision; each path runs in a fresh page so a value
 * acknowledged in one cell is not remembered in the next.
 */
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { enrollExtension, expect, test } from './harness/fixtures.ts';
import type { FakeSites } from '../fake-sites/server.ts';
import { INPUT_PATHS, type PathId } from '../coverage/matrix.ts';

const EMAIL = 'ana.silva@acme-corp.com';
const PLACEHOLDER = '[EMAIL_1]';

type Decision = 'allow' | 'warn-continue' | 'warn-cancel' | 'justify' | 'redact' | 'pseudonymize' | 'block';

interface DecisionSpec {
  /** The data rule's action for e-mail addresses. */
  action: 'allow' | 'warn' | 'justify' | 'redact' | 'pseudonymize' | 'block';
  /** What the event says happened. */
  outcome: 'allowed' | 'continued' | 'cancelled' | 'redacted' | 'blocked';
  /** Whether the text goes on to the site, and in which form. */
  sent: 'original' | 'placeholders' | 'nothing';
  /** Answers the in-page dialog with the keyboard (the dialog lives in a closed shadow root). */
  answer?: (page: Page) => Promise<void>;
}

const DECISIONS: Record<Decision, DecisionSpec> = {
  allow: { action: 'allow', outcome: 'allowed', sent: 'original' },
  'warn-continue': {
    action: 'warn',
    outcome: 'continued',
    sent: 'original',
    answer: async (p) => {
      await p.keyboard.press('Tab'); // focus starts on Cancel
      await p.keyboard.press('Enter'); // Continue anyway
    },
  },
  'warn-cancel': { action: 'warn', outcome: 'cancelled', sent: 'nothing', answer: (p) => p.keyboard.press('Escape') },
  justify: {
    action: 'justify',
    outcome: 'continued',
    sent: 'original',
    answer: async (p) => {
      await p.keyboard.press('ArrowDown'); // reason: needed for my work
      await p.keyboard.press('Tab');
      await p.keyboard.type('Reply to the customer who wrote in');
      await p.keyboard.press('Tab'); // Cancel
      await p.keyboard.press('Tab'); // Submit
      await p.keyboard.press('Enter');
    },
  },
  redact: { action: 'redact', outcome: 'redacted', sent: 'placeholders', answer: (p) => p.keyboard.press('Enter') },
  pseudonymize: { action: 'pseudonymize', outcome: 'redacted', sent: 'placeholders', answer: (p) => p.keyboard.press('Enter') },
  block: { action: 'block', outcome: 'blocked', sent: 'nothing', answer: (p) => p.keyboard.press('Enter') },
};

/** Where the text ends up when it goes on: sent as a prompt, or uploaded as a file. */
type Delivery = 'send' | 'upload';

interface InputPath {
  id: PathId;
  name: string;
  host: string;
  /** Page to open (default `/`). */
  url?: string;
  action: 'paste' | 'drop' | 'upload' | 'submit';
  delivery: Delivery;
  /** The composer's frame (the page, or the embedded frame). */
  frame?(page: Page): Frame;
  /** Gets the page ready (focus, navigation) before the input. */
  prepare?(page: Page, frame: Frame): Promise<void>;
  /** The user's input; for send-time paths it includes pressing Enter or clicking Send. */
  input(page: Page, frame: Frame, text: string): Promise<void>;
  /** Text inserted into the composer that the user then sends with Enter (paste and drop). */
  thenSend?: boolean;
}

/** The site the coverage matrix (docs/coverage.md) says this path is tested on. */
function site(id: PathId): string {
  const p = INPUT_PATHS.find((x) => x.id === id);
  if (!p) throw new Error(`no input path ${id} in test/coverage/matrix.ts`);
  return p.testedOn;
}

async function paste(page: Page, frame: Frame, text: string): Promise<void> {
  await frame.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+V');
}

// Every path of the coverage matrix, and nothing else (checked below).
const PATHS: InputPath[] = [
  {
    id: 'paste-textarea',
    name: 'paste into a textarea',
    host: site('paste-textarea'),
    action: 'paste',
    delivery: 'send',
    input: paste,
    thenSend: true,
  },
  {
    id: 'paste-rich',
    name: 'paste into a contenteditable (ProseMirror)',
    host: site('paste-rich'),
    action: 'paste',
    delivery: 'send',
    input: paste,
    thenSend: true,
  },
  {
    id: 'drop-text',
    name: 'drop text on a contenteditable',
    host: site('drop-text'),
    action: 'drop',
    delivery: 'send',
    thenSend: true,
    input: (_page, frame, text) =>
      frame.locator('[data-fake-composer]').evaluate((el, t) => {
        const dt = new DataTransfer();
        dt.setData('text/plain', t);
        const r = el.getBoundingClientRect();
        el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true, clientX: r.x + 5, clientY: r.y + 5 }));
      }, text),
  },
  {
    id: 'drop-file',
    name: 'drop a file',
    host: site('drop-file'),
    action: 'drop',
    delivery: 'upload',
    input: (_page, frame, text) =>
      frame.locator('#composer-root').evaluate((el, t) => {
        const dt = new DataTransfer();
        dt.items.add(new File([t], 'notes.txt', { type: 'text/plain' }));
        el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, text),
  },
  {
    id: 'upload',
    name: 'file upload',
    host: site('upload'),
    action: 'upload',
    delivery: 'upload',
    input: (_page, frame, text) =>
      frame.locator('#file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(text) }),
  },
  {
    id: 'typed-enter',
    name: 'typed, then Enter',
    host: site('typed-enter'),
    action: 'submit',
    delivery: 'send',
    input: async (page, _frame, text) => {
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    },
  },
  {
    id: 'send-button',
    name: 'typed, then the send button',
    host: site('send-button'),
    action: 'submit',
    delivery: 'send',
    input: async (page, frame, text) => {
      await page.keyboard.type(text);
      await frame.locator('#send').click();
    },
  },
  {
    id: 'iframe',
    name: 'paste in an iframe',
    host: site('iframe'),
    url: '/frame',
    action: 'paste',
    delivery: 'send',
    frame: (page) => page.frames().find((f) => f.url().endsWith('/c/embedded')) ?? page.mainFrame(),
    input: paste,
    thenSend: true,
  },
  {
    id: 'spa',
    name: 'paste after SPA navigation',
    host: site('spa'),
    action: 'paste',
    delivery: 'send',
    prepare: async (_page, frame) => {
      await frame.locator('a[href="/c/2"]').click();
      await expect(frame.locator('#where')).toHaveText('/c/2');
    },
    input: paste,
    thenSend: true,
  },
];

test('the matrix runs every input path of the coverage matrix', () => {
  expect(PATHS.map((p) => p.id).sort()).toEqual(INPUT_PATHS.map((p) => p.id).sort());
});

/** A text of a length unique to this cell, so its event is found by `text_length`. */
function textFor(cell: number): string {
  return `Note ${'.'.repeat(cell + 1)} please mail ${EMAIL} about the renewal`;
}

async function openPath(context: BrowserContext, sites: FakeSites, p: InputPath): Promise<{ page: Page; frame: Frame }> {
  const url = sites.url(p.host, p.url ?? '/');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await context.newPage();
  await page.goto(url);
  if (p.frame) await expect.poll(() => p.frame!(page).url()).toMatch(/\/c\/embedded$/);
  const frame = p.frame ? p.frame(page) : page.mainFrame();
  await frame.locator('[data-fake-composer]').waitFor();
  // The content script is in (it marks nothing on the page, so wait for its adapter check to be possible).
  await p.prepare?.(page, frame);
  await frame.locator('[data-fake-composer]').click();
  return { page, frame };
}

for (const [name, d] of Object.entries(DECISIONS) as [Decision, DecisionSpec][]) {
  test(`every input path under "${name}": the site gets what the decision says, the server the event`, async ({
    context,
    extensionWorker,
    sites,
    tenant,
  }) => {
    test.setTimeout(180_000);
    const version = await tenant.publish({
      schemaVersion: 1,
      name: `Matrix: ${name}`,
      data: { rules: [{ types: ['email'], action: d.action }] },
    });
    await enrollExtension(extensionWorker, tenant, { version });
    const before = (await tenant.events()).length;
    const expected: { path: string; action: string; length: number }[] = [];

    for (const [i, p] of PATHS.entries()) {
      const text = textFor(i);
      const placeholders = text.replace(EMAIL, PLACEHOLDER);
      const sentBefore = sites.received(p.host).length;
      const { page, frame } = await openPath(context, sites, p);
      const dialog = frame.locator('daylight-dialog');

      await p.input(page, frame, text);
      if (d.answer) {
        await expect(dialog, `${p.name}: dialog`).toHaveCount(1);
        await d.answer(page);
      }
      await expect(dialog, `${p.name}: dialog closed`).toHaveCount(0);

      const want = d.sent === 'nothing' ? null : d.sent === 'original' ? text : placeholders;
      if (p.thenSend) {
        const composer = frame.locator('[data-fake-composer]');
        if (want === null) {
          await expect(composer, `${p.name}: composer`).toHaveText('');
          if (p.host === 'copilot.microsoft.com' || p.host === 'poe.com') await expect(composer).toHaveValue('');
        } else {
          if ((await composer.evaluate((el) => el.tagName)) === 'TEXTAREA') await expect(composer, p.name).toHaveValue(want);
          else await expect(composer, p.name).toHaveText(want);
          await composer.focus();
          await page.keyboard.press('End');
          await page.keyboard.press('Enter');
        }
      }
      const got = () =>
        sites
          .received(p.host)
          .slice(sentBefore)
          .map((r) => (p.delivery === 'upload' ? `${String(r.body['name'])}:${String(r.body['content'])}` : String(r.body['text'])));
      if (want === null) {
        await page.waitForTimeout(400);
        expect(got(), `${p.name}: nothing reaches the site`).toEqual([]);
      } else {
        await expect
          .poll(got, { message: `${p.name}: what the site received` })
          .toEqual([p.delivery === 'upload' ? `notes.txt:${want}` : want]);
      }
      if (name === 'pseudonymize' && p.delivery === 'send') {
        // The reply quotes the placeholders; the user sees the originals put back.
        await expect(frame.locator('[data-fake-reply][data-done]'), `${p.name}: restored reply`).toHaveText(
          `Sure. Drafting a note about: ${text}`,
        );
      }
      expected.push({ path: p.name, action: p.action, length: text.length });
      await page.close();
    }

    // Every cell's event arrives with its metadata (the extension delivers on its own schedule;
    // ask it to sync now rather than wait for the alarm).
    await extensionWorker.evaluate(() => chrome.alarms.create('daylight-sync-now', { when: Date.now() }).then(() => undefined));
    const mine = async () => (await tenant.events()).slice(before).filter((e) => e.action !== 'visit');
    await expect
      .poll(
        async () => {
          const events = await mine();
          return expected.filter((x) => !events.some((e) => e.action === x.action && e.text_length === x.length)).map((x) => x.path);
        },
        { timeout: 30_000, message: 'cells whose event has not arrived' },
      )
      .toEqual([]);
    const events = await mine();
    for (const x of expected) {
      const e = events.find((ev) => ev.action === x.action && ev.text_length === x.length);
      expect(e, x.path).toMatchObject({
        action: x.action,
        decision: d.action,
        outcome: d.outcome,
        data_types: [{ type: 'email', count: 1 }],
        user_id: 'ana.silva@acme.test',
      });
      if (name === 'justify') expect(e?.justification, x.path).toBe('business: Reply to the customer who wrote in');
      else expect(e?.justification ?? null, x.path).toBeNull();
    }
  });
}
