import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { join, win32 } from 'node:path';
import { writeFileAtomic } from '../files.ts';
import type { AgentOs } from '../paths.ts';

/** The native messaging host's name, as the extension passes it to `connectNative`. */
export const HOST_NAME = 'com.daylight.agent';

export type Scope = 'user' | 'system';
export type HostBrowser = 'chrome' | 'chromium' | 'edge' | 'firefox';

/**
 * Where each browser looks for native messaging host manifests
 * (Chrome: https://developer.chrome.com/docs/extensions/develop/concepts/native-messaging#native-messaging-host-location,
 * Firefox: https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/Native_manifests#manifest_location).
 * On Windows the manifest may live anywhere; a registry key names it.
 */
export function manifestDir(browser: HostBrowser, os: AgentOs, scope: Scope, home: string): string | undefined {
  const user = scope === 'user';
  switch (os) {
    case 'linux':
      return {
        chrome: user ? join(home, '.config/google-chrome/NativeMessagingHosts') : '/etc/opt/chrome/native-messaging-hosts',
        chromium: user ? join(home, '.config/chromium/NativeMessagingHosts') : '/etc/chromium/native-messaging-hosts',
        edge: user ? join(home, '.config/microsoft-edge/NativeMessagingHosts') : '/etc/opt/edge/native-messaging-hosts',
        firefox: user ? join(home, '.mozilla/native-messaging-hosts') : '/usr/lib/mozilla/native-messaging-hosts',
      }[browser];
    case 'macos':
      return {
        chrome: user
          ? join(home, 'Library/Application Support/Google/Chrome/NativeMessagingHosts')
          : '/Library/Google/Chrome/NativeMessagingHosts',
        chromium: user
          ? join(home, 'Library/Application Support/Chromium/NativeMessagingHosts')
          : '/Library/Application Support/Chromium/NativeMessagingHosts',
        edge: user
          ? join(home, 'Library/Application Support/Microsoft Edge/NativeMessagingHosts')
          : '/Library/Microsoft/Edge/NativeMessagingHosts',
        firefox: user
          ? join(home, 'Library/Application Support/Mozilla/NativeMessagingHosts')
          : '/Library/Application Support/Mozilla/NativeMessagingHosts',
      }[browser];
    case 'windows':
      return undefined;
  }
}

/** Windows: the registry key whose default value is the manifest's path. */
export function registryKey(browser: HostBrowser, scope: Scope): string {
  const hive = scope === 'user' ? 'HKCU' : 'HKLM';
  const vendor = { chrome: 'Google\\Chrome', chromium: 'Chromium', edge: 'Microsoft\\Edge', firefox: 'Mozilla' }[browser];
  return `${hive}\\Software\\${vendor}\\NativeMessagingHosts\\${HOST_NAME}`;
}

export interface ManifestIds {
  chromium: readonly string[];
  firefox: readonly string[];
}

/** The manifest for one browser: Chromium browsers allow origins, Firefox allows add-on ids. */
export function hostManifest(browser: HostBrowser, hostPath: string, ids: ManifestIds): Record<string, unknown> {
  const base = { name: HOST_NAME, description: 'Daylight desktop agent', path: hostPath, type: 'stdio' };
  return browser === 'firefox'
    ? { ...base, allowed_extensions: [...ids.firefox] }
    : { ...base, allowed_origins: ids.chromium.map((id) => `chrome-extension://${id}/`) };
}

export interface InstallOptions {
  os: AgentOs;
  scope: Scope;
  home: string;
  /** The command line that runs the host: node and its arguments up to `native-host`. */
  command: readonly string[];
  /** Where the launcher script and (on Windows) the manifests go. */
  dir: string;
  ids: ManifestIds;
  stateDir: string;
  configPath: string;
}

/**
 * Writes a launcher script (browsers start `path` with no arguments of ours, so the script
 * carries the agent's command line, configuration and state directory) and one manifest per
 * browser; on Windows also the registry keys. Returns what was written.
 */
export function installNativeHost(o: InstallOptions): { launcher: string; manifests: string[] } {
  const win = o.os === 'windows';
  const launcher = win ? win32.join(o.dir, 'daylight-native-host.bat') : join(o.dir, 'daylight-native-host');
  const args = [...o.command, 'native-host', '--config', o.configPath, '--state-dir', o.stateDir];
  if (win) {
    writeFileAtomic(launcher, `@echo off\r\n${args.map((a) => `"${a}"`).join(' ')} %*\r\n`, 0o755, 0o755);
  } else {
    const q = (a: string): string => `'${a.replace(/'/g, `'\\''`)}'`;
    writeFileAtomic(
      launcher,
      `#!/bin/sh\n# Started by the browser for the Daylight extension (native messaging).\nexec ${args.map(q).join(' ')} "$@"\n`,
      0o755,
      0o755,
    );
    chmodSync(launcher, 0o755);
  }
  const manifests: string[] = [];
  for (const browser of ['chrome', 'chromium', 'edge', 'firefox'] as const) {
    if (browser !== 'firefox' && !o.ids.chromium.length) continue;
    if (browser === 'firefox' && !o.ids.firefox.length) continue;
    const dir = win ? win32.join(o.dir, browser) : manifestDir(browser, o.os, o.scope, o.home);
    if (!dir) continue;
    const path = win ? win32.join(dir, `${HOST_NAME}.json`) : join(dir, `${HOST_NAME}.json`);
    writeFileAtomic(path, JSON.stringify(hostManifest(browser, launcher, o.ids), null, 2) + '\n', 0o644, 0o755);
    if (win) execFileSync('reg', ['add', registryKey(browser, o.scope), '/ve', '/t', 'REG_SZ', '/d', path, '/f'], { stdio: 'ignore' });
    manifests.push(path);
  }
  return { launcher, manifests };
}
