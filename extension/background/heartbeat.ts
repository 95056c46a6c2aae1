import { AdapterHealth, Heartbeat, type BrowserFamily } from '../../shared/contracts/heartbeat.ts';
import { PRODUCT } from '../../shared/version.ts';
import { browser } from '../platform/browser.ts';
import { z } from 'zod';

/**
 * The extension's heartbeat: versions, the site adapters' self-checks, whether it may run in
 * private windows, and the outbound queue. Sent every few minutes, and soon after an adapter's
 * health changes, so a site redesign shows on the dashboard instead of as a silent gap.
 */
export const HEARTBEAT_EVERY_MS = 5 * 60_000;

const HealthMap = z.record(z.string(), AdapterHealth);
const HeartbeatState = z.object({ lastSentAt: z.number().default(0), dirty: z.boolean().default(true) });

/** A frame's self-check of its site adapter. A frame that finds nothing does not undo a recent find. */
export async function recordAdapterHealth(h: AdapterHealth, now = Date.now()): Promise<void> {
  const got = await browser.storage.local.get(['adapterHealth', 'heartbeat']);
  const map = HealthMap.catch({}).parse(got['adapterHealth']);
  const prev = map[h.id];
  const recentFind = prev && prev.composerFound && now - Date.parse(prev.checkedAt) < 10_000;
  if (recentFind && !h.composerFound) return;
  const changed = !prev || prev.composerFound !== h.composerFound || prev.sendHooked !== h.sendHooked;
  map[h.id] = h;
  const state = HeartbeatState.catch({ lastSentAt: 0, dirty: true }).parse(got['heartbeat'] ?? {});
  await browser.storage.local.set({ adapterHealth: map, heartbeat: { ...state, dirty: state.dirty || changed } });
}

function browserFamily(): { family: BrowserFamily; version?: string } {
  const ua = navigator.userAgent;
  const edge = /Edg\/([\d.]+)/.exec(ua);
  if (edge) return { family: 'edge', version: edge[1] };
  const ff = /Firefox\/([\d.]+)/.exec(ua);
  if (ff) return { family: 'firefox', version: ff[1] };
  const chrome = /Chrome\/([\d.]+)/.exec(ua);
  return chrome ? { family: 'chrome', version: chrome[1] } : { family: 'other' };
}

/** The heartbeat to send now, or undefined when none is due. */
export async function dueHeartbeat(
  policyVersion: number | undefined,
  queue: { queued: number; dropped: number },
  now = Date.now(),
): Promise<Heartbeat | undefined> {
  const got = await browser.storage.local.get(['adapterHealth', 'heartbeat']);
  const state = HeartbeatState.catch({ lastSentAt: 0, dirty: true }).parse(got['heartbeat'] ?? {});
  if (!state.dirty && now - state.lastSentAt < HEARTBEAT_EVERY_MS) return undefined;
  const b = browserFamily();
  const adapters = Object.values(HealthMap.catch({}).parse(got['adapterHealth'])).slice(0, 128);
  return Heartbeat.parse({
    at: new Date(now).toISOString(),
    surface: 'browser',
    versions: { product: PRODUCT.version, ...(policyVersion ? { policyVersion } : {}) },
    extension: {
      browser: b.family,
      ...(b.version ? { browserVersion: b.version } : {}),
      incognitoAllowed: await browser.extension.isAllowedIncognitoAccess(),
      adapters,
      queue,
    },
  });
}

export async function markHeartbeatSent(now = Date.now()): Promise<void> {
  await browser.storage.local.set({ heartbeat: { lastSentAt: now, dirty: false } });
}
