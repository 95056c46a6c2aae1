import { describe, expect, it } from 'vitest';
import type { Heartbeat } from '../../../shared/contracts/heartbeat.ts';
import { coverageOf } from './coverage.ts';

const NOW = new Date('2025-03-05T12:00:00Z');

const desktop: Heartbeat = {
  at: '2025-03-05T11:59:00Z',
  surface: 'desktop',
  versions: { product: '0.2.0', policyVersion: 4 },
  agent: {
    os: 'windows',
    clipboardGuard: true,
    browsers: [
      { family: 'chrome', name: 'Google Chrome', profile: 'Default', extensionInstalled: true, extensionEnabled: true },
      { family: 'edge', name: 'Microsoft Edge', profile: 'Work', extensionInstalled: true, extensionEnabled: false },
      { family: 'other', name: 'Brave', profile: 'Default', extensionInstalled: false, extensionEnabled: false },
    ],
    apps: [{ id: 'ollama', kind: 'server', running: true }],
  },
};

const browser: Heartbeat = {
  at: '2025-03-05T11:59:00Z',
  surface: 'browser',
  versions: { product: '0.2.0' },
  extension: {
    browser: 'chrome',
    incognitoAllowed: false,
    adapters: [
      { id: 'chatgpt', composerFound: true, sendHooked: true, checkedAt: '2025-03-05T11:00:00Z' },
      { id: 'claude', composerFound: true, sendHooked: false, checkedAt: '2025-03-05T11:00:00Z' },
      { id: 'gemini', composerFound: false, sendHooked: false, checkedAt: '2025-03-05T11:00:00Z' },
    ],
    queue: { queued: 3, dropped: 0 },
  },
};

describe('coverageOf', () => {
  it('flags a device that never reported as stale with no_heartbeat', () => {
    expect(coverageOf(null, NOW)).toMatchObject({ lastHeartbeatAt: null, stale: true, issues: ['no_heartbeat'] });
  });

  it('splits browsers by extension installed and enabled', () => {
    const c = coverageOf({ body: desktop, receivedAt: new Date('2025-03-05T11:59:01Z') }, NOW);
    expect(c.browsers.covered.map((b) => b.name)).toEqual(['Google Chrome']);
    expect(c.browsers.uncovered.map((b) => b.name)).toEqual(['Microsoft Edge', 'Brave']);
    expect(c.issues).toEqual(['browser_without_extension']);
    expect(c).toMatchObject({ stale: false, surface: 'desktop', productVersion: '0.2.0', policyVersion: 4, queue: null });
  });

  it('lists adapters that did not find the composer or could not hook sending', () => {
    const c = coverageOf({ body: browser, receivedAt: new Date('2025-03-05T11:59:01Z') }, NOW);
    expect(c.adapters.total).toBe(3);
    expect(c.adapters.unhealthy.map((a) => a.id)).toEqual(['claude', 'gemini']);
    expect(c.issues).toEqual(['adapter_unhealthy']);
    expect(c.policyVersion).toBeNull();
  });

  it('marks a heartbeat older than 24 h (server time) stale, and reports dropped events and a stopped clipboard guard', () => {
    const old = { ...browser, extension: { ...browser.extension!, adapters: [], queue: { queued: 0, dropped: 7 } } };
    const c = coverageOf({ body: old, receivedAt: new Date('2025-03-04T11:59:59Z') }, NOW);
    expect(c.stale).toBe(true);
    expect(c.issues).toEqual(['stale_heartbeat', 'events_dropped']);
    const justUnder = coverageOf({ body: old, receivedAt: new Date('2025-03-04T12:00:00Z') }, NOW);
    expect(justUnder.stale).toBe(false);
    const guardOff = { ...desktop, agent: { ...desktop.agent!, clipboardGuard: false, browsers: [] } };
    expect(coverageOf({ body: guardOff, receivedAt: NOW }, NOW).issues).toEqual(['clipboard_guard_off']);
  });

  it('treats a stored body that no longer parses as no heartbeat', () => {
    expect(coverageOf({ body: { surface: 'toaster' }, receivedAt: NOW }, NOW).issues).toEqual(['no_heartbeat']);
  });
});
