import { DeviceDirectory } from '../../shared/contracts/enroll.ts';
import { browser } from '../platform/browser.ts';

/**
 * The user's groups from the tenant's directory (SCIM from the identity provider), fetched on each
 * sync and kept in storage.local, so policy rules that target groups work without MDM listing
 * them; groups MDM configures still count too.
 */
export async function fetchDirectory(serverUrl: string, credential: string): Promise<void> {
  const res = await fetch(`${serverUrl}/v1/device/directory`, { headers: { authorization: `Bearer ${credential}` } });
  if (!res.ok) throw new Error(`directory fetch failed: HTTP ${res.status}`);
  const next = DeviceDirectory.parse(await res.json());
  const before = DeviceDirectory.safeParse((await browser.storage.local.get('directory'))['directory']);
  // Written only when it changed: a write wakes every storage listener (blocking rules are rebuilt).
  if (before.success && sameGroups(before.data.groups, next.groups) && before.data.provisioned === next.provisioned) return;
  await browser.storage.local.set({ directory: next });
}

/** The directory groups last fetched (none before the first sync, or when storage holds something else). */
export async function directoryGroups(): Promise<string[]> {
  const got = DeviceDirectory.safeParse((await browser.storage.local.get('directory'))['directory']);
  return got.success ? got.data.groups : [];
}

function sameGroups(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((g, i) => g === b[i]);
}
