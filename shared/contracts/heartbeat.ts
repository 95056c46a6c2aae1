import { z } from 'zod';
import { ClientTimestamp } from './common.ts';
import { DeviceInfo } from './enroll.ts';

const Text = (max: number) => z.string().trim().min(1).max(max);
const Count = z.number().int().min(0).max(2_147_483_647);
/** Adapter ids and app ids: catalog-style kebab-case. */
const Id = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case id (a-z 0-9 . _ -), max 64');

/** The browsers the extension reports for itself; the agent may see others. */
export const BrowserFamily = z.enum(['chrome', 'edge', 'firefox', 'other']);
export type BrowserFamily = z.infer<typeof BrowserFamily>;

/**
 * One site adapter's self-check in the extension: did it find the AI app's composer and hook its
 * send action the last time it ran. An adapter that finds nothing usually means the site changed.
 */
export const AdapterHealth = z.strictObject({
  id: Id,
  composerFound: z.boolean(),
  sendHooked: z.boolean(),
  checkedAt: ClientTimestamp,
});
export type AdapterHealth = z.infer<typeof AdapterHealth>;

/** What the browser extension says about its own coverage. */
export const ExtensionCoverage = z.strictObject({
  browser: BrowserFamily,
  browserVersion: Text(64).optional(),
  /** Browser profile name, as the extension knows it (may be absent). */
  profile: Text(128).optional(),
  /** Whether the user allowed the extension in private/incognito windows. */
  incognitoAllowed: z.boolean(),
  adapters: z.array(AdapterHealth).max(128),
  /** The outbound event queue: events waiting, and events dropped because the queue was full. */
  queue: z.strictObject({ queued: Count, dropped: Count }),
});
export type ExtensionCoverage = z.infer<typeof ExtensionCoverage>;

/** One browser profile the desktop agent found, and whether the extension is in it. */
export const AgentBrowser = z.strictObject({
  family: BrowserFamily,
  /** Product name as installed (`Google Chrome`, `Brave`, `Arc`). */
  name: Text(128),
  profile: Text(128),
  extensionInstalled: z.boolean(),
  extensionEnabled: z.boolean(),
});
export type AgentBrowser = z.infer<typeof AgentBrowser>;

/** An AI desktop application, CLI or local model server the agent found (catalog app id). */
export const AgentApp = z.strictObject({
  id: Id,
  kind: z.enum(['app', 'cli', 'server']),
  running: z.boolean(),
});
export type AgentApp = z.infer<typeof AgentApp>;

/** What the desktop agent says about the machine's coverage. */
export const AgentCoverage = z.strictObject({
  os: z.enum(['windows', 'macos', 'linux', 'chromeos', 'other']),
  clipboardGuard: z.boolean(),
  browsers: z.array(AgentBrowser).max(64),
  apps: z.array(AgentApp).max(512),
});
export type AgentCoverage = z.infer<typeof AgentCoverage>;

/**
 * `POST /v1/device/heartbeat` body (device credential): what a device reports about itself, every
 * few minutes and at start. The server keeps the newest per device and turns it into coverage
 * (`GET /v1/devices`): browsers without the extension, adapters that stopped working, devices
 * that went quiet. The extension sends `surface: 'browser'` with `extension`; the desktop agent
 * sends `surface: 'desktop'` with `agent`.
 *
 * @example
 * Heartbeat.parse({
 *   at: '2025-03-04T10:00:00Z',
 *   surface: 'browser',
 *   versions: { product: '0.1.0', policyVersion: 3 },
 *   extension: { browser: 'chrome', incognitoAllowed: false, adapters: [], queue: { queued: 0, dropped: 0 } },
 * });
 */
export const Heartbeat = z
  .strictObject({
    /** When the device took this snapshot (device clock). */
    at: ClientTimestamp,
    surface: z.enum(['browser', 'desktop']),
    versions: z.strictObject({
      product: Text(64),
      /** The policy version the device enforces (its last good one). */
      policyVersion: z.number().int().min(1).max(2_147_483_647).optional(),
    }),
    extension: ExtensionCoverage.optional(),
    agent: AgentCoverage.optional(),
  })
  .superRefine((h, ctx) => {
    if (h.surface === 'browser' && !h.extension)
      ctx.addIssue({ code: 'custom', path: ['extension'], message: 'required when surface is browser' });
    if (h.surface === 'desktop' && !h.agent) ctx.addIssue({ code: 'custom', path: ['agent'], message: 'required when surface is desktop' });
  });
export type Heartbeat = z.infer<typeof Heartbeat>;

/** `POST /v1/device/heartbeat` answer. */
export const HeartbeatResponse = z.object({
  /** Server time the heartbeat was stored; devices may use it to notice a wrong clock. */
  receivedAt: z.iso.datetime(),
  /** False when a newer heartbeat (by `at`) was already stored; this one was ignored. */
  stored: z.boolean(),
});
export type HeartbeatResponse = z.infer<typeof HeartbeatResponse>;

/** A heartbeat older than this (server time) marks the device stale. */
export const HEARTBEAT_STALE_MS = 24 * 3600_000;

/**
 * Why a device's coverage is incomplete. `no_heartbeat`: never reported; `stale_heartbeat`: last
 * report older than 24 h; `browser_without_extension`: the agent found a browser profile without
 * the extension (or with it disabled); `adapter_unhealthy`: a site adapter did not find the
 * composer or could not hook sending; `events_dropped`: the outbound queue overflowed;
 * `clipboard_guard_off`: the agent's clipboard guard is not running.
 */
export const CoverageIssue = z.enum([
  'no_heartbeat',
  'stale_heartbeat',
  'browser_without_extension',
  'adapter_unhealthy',
  'events_dropped',
  'clipboard_guard_off',
]);
export type CoverageIssue = z.infer<typeof CoverageIssue>;

/** Coverage of one device, derived from its newest heartbeat. */
export const DeviceCoverage = z.object({
  /** Server time of the newest heartbeat; null when the device never sent one. */
  lastHeartbeatAt: z.iso.datetime().nullable(),
  stale: z.boolean(),
  surface: z.enum(['browser', 'desktop']).nullable(),
  productVersion: z.string().nullable(),
  policyVersion: z.number().int().nullable(),
  /** Browser profiles the agent found, split by whether the extension is installed and enabled. */
  browsers: z.object({
    covered: z.array(AgentBrowser),
    uncovered: z.array(AgentBrowser),
  }),
  adapters: z.object({ total: z.number().int(), unhealthy: z.array(AdapterHealth) }),
  queue: z.object({ queued: z.number().int(), dropped: z.number().int() }).nullable(),
  issues: z.array(CoverageIssue),
});
export type DeviceCoverage = z.infer<typeof DeviceCoverage>;

/** A device with its coverage (`GET /v1/devices`, `GET /v1/devices/:id`). */
export const DeviceWithCoverage = DeviceInfo.extend({ coverage: DeviceCoverage });
export type DeviceWithCoverage = z.infer<typeof DeviceWithCoverage>;

/** `GET /v1/devices`: one page, ordered by device id; pass `next` as `after` for the next one. */
export const DeviceCoverageList = z.object({
  devices: z.array(DeviceWithCoverage),
  next: z.uuid().nullable(),
});
export type DeviceCoverageList = z.infer<typeof DeviceCoverageList>;
