import { DeviceConfig } from '../../background/config.ts';
import { Status } from '../../messaging/protocol.ts';
import { browser } from '../../platform/browser.ts';

/**
 * Options page for installs without MDM: where the extension reports. Managed configuration wins
 * and is shown read-only; what the user types is validated with the same schema the background
 * reads, and nothing is saved until it is valid.
 */
const form = document.getElementById('settings') as HTMLFormElement;
const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
const error = document.getElementById('error') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;

async function showStatus(): Promise<void> {
  const s = Status.safeParse(await browser.runtime.sendMessage({ type: 'popup->background:get-status' }));
  if (s.success)
    status.textContent = s.data.enrolled ? `Connected · policy ${s.data.policyVersion ?? 'built-in default'}` : 'Not connected yet.';
}

async function load(): Promise<void> {
  let managed: Record<string, unknown> = {};
  try {
    managed = await browser.storage.managed.get(null);
  } catch {
    // No managed storage here (unmanaged browser): the form is editable.
  }
  const local = DeviceConfig.partial().safeParse((await browser.storage.local.get('config'))['config'] ?? {});
  const shown = Object.keys(managed).length ? managed : local.success ? local.data : {};
  for (const name of ['serverUrl', 'enrollmentToken', 'userId'] as const) {
    const v = shown[name];
    if (typeof v === 'string') field(name).value = v;
  }
  if (Object.keys(managed).length) {
    (document.getElementById('managed') as HTMLElement).hidden = false;
    for (const el of form.elements) (el as HTMLInputElement).disabled = true;
  }
  await showStatus();
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const input = {
    serverUrl: field('serverUrl').value.trim(),
    enrollmentToken: field('enrollmentToken').value.trim(),
    ...(field('userId').value.trim() ? { userId: field('userId').value.trim() } : {}),
  };
  const parsed = DeviceConfig.safeParse(input);
  if (!parsed.success) {
    error.textContent = parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ');
    return;
  }
  error.textContent = '';
  status.textContent = 'Connecting…';
  void browser.storage.local.set({ config: input }).then(async () => {
    // The background enrolls on the change; show the outcome when it has had a moment.
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 500));
      await showStatus();
      if (status.textContent.startsWith('Connected')) return;
    }
    status.textContent = 'Saved. Not connected yet: check the server URL and the token, or ask your administrator.';
  });
});

void load();
