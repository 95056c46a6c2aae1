import { HEARTBEAT_STALE_MS, Heartbeat, type CoverageIssue, type DeviceCoverage } from '../../../shared/contracts/heartbeat.ts';

/** The stored newest heartbeat of a device: its body and when the server received it. */
export interface StoredHeartbeat {
  body: unknown;
  receivedAt: Date;
}

/**
 * A device's coverage from its newest heartbeat, judged at `now` (server time: device clocks are
 * not trusted for staleness). A body that no longer parses (stored by an older contract) counts as
 * no heartbeat rather than failing the whole device list.
 */
export function coverageOf(hb: StoredHeartbeat | null, now: Date = new Date()): DeviceCoverage {
  const parsed = hb ? Heartbeat.safeParse(hb.body) : null;
  if (!hb || !parsed?.success) {
    return {
      lastHeartbeatAt: null,
      stale: true,
      surface: null,
      productVersion: null,
      policyVersion: null,
      browsers: { covered: [], uncovered: [] },
      adapters: { total: 0, unhealthy: [] },
      queue: null,
      issues: ['no_heartbeat'],
    };
  }
  const h = parsed.data;
  const issues: CoverageIssue[] = [];
  const stale = now.getTime() - hb.receivedAt.getTime() > HEARTBEAT_STALE_MS;
  if (stale) issues.push('stale_heartbeat');
  const browsers = h.agent?.browsers ?? [];
  const covered = browsers.filter((b) => b.extensionInstalled && b.extensionEnabled);
  const uncovered = browsers.filter((b) => !(b.extensionInstalled && b.extensionEnabled));
  if (uncovered.length > 0) issues.push('browser_without_extension');
  const adapters = h.extension?.adapters ?? [];
  const unhealthy = adapters.filter((a) => !a.composerFound || !a.sendHooked);
  if (unhealthy.length > 0) issues.push('adapter_unhealthy');
  const queue = h.extension?.queue ?? null;
  if (queue && queue.dropped > 0) issues.push('events_dropped');
  if (h.agent && !h.agent.clipboardGuard) issues.push('clipboard_guard_off');
  return {
    lastHeartbeatAt: hb.receivedAt.toISOString(),
    stale,
    surface: h.surface,
    productVersion: h.versions.product,
    policyVersion: h.versions.policyVersion ?? null,
    browsers: { covered, uncovered },
    adapters: { total: adapters.length, unhealthy },
    queue,
    issues,
  };
}
