/** Valid request bodies shared by the integration tests (synthetic data only). */
import type { Heartbeat } from '../../../shared/contracts/heartbeat.ts';

/** What the extension sends. */
export const BROWSER_HEARTBEAT: Heartbeat = {
  at: '2025-03-05T10:00:00Z',
  surface: 'browser',
  versions: { product: '0.1.0', policyVersion: 1 },
  extension: {
    browser: 'chrome',
    browserVersion: '131.0',
    profile: 'Work',
    incognitoAllowed: false,
    adapters: [
      { id: 'chatgpt', composerFound: true, sendHooked: true, checkedAt: '2025-03-05T09:59:00Z' },
      { id: 'claude', composerFound: false, sendHooked: false, checkedAt: '2025-03-05T09:59:00Z' },
    ],
    queue: { queued: 2, dropped: 0 },
  },
};

/** What the desktop agent sends. */
export const DESKTOP_HEARTBEAT: Heartbeat = {
  at: '2025-03-05T10:00:00Z',
  surface: 'desktop',
  versions: { product: '0.1.0' },
  agent: {
    os: 'macos',
    clipboardGuard: true,
    browsers: [
      { family: 'chrome', name: 'Google Chrome', profile: 'Default', extensionInstalled: true, extensionEnabled: true },
      { family: 'firefox', name: 'Firefox', profile: 'default-release', extensionInstalled: false, extensionEnabled: false },
    ],
    apps: [
      { id: 'ollama', kind: 'server', running: true },
      { id: 'claude-code', kind: 'cli', running: false },
    ],
  },
};
