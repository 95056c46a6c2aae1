import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, win32 } from 'node:path';
import { z } from 'zod';
import type { AgentBrowser, BrowserFamily } from '../../../shared/contracts/heartbeat.ts';
import type { AgentOs } from '../paths.ts';

/**
 * Browser coverage: which browsers and profiles exist on this machine and whether the Daylight
 * extension is installed and enabled in each, read from the browsers' own profile files. Nothing
 * is written and no browser is started.
 *
 * Chromium-family browsers keep a user-data folder with `Local State` (the profile list,
 * `profile.info_cache`) and one folder per profile whose `Preferences` and `Secure Preferences`
 * hold `extensions.settings[<id>]`: present when installed; `state` (1 enabled, 0 disabled; newer
 * versions drop it) and `disable_reasons` (a bit mask, or a list in newer versions; empty or 0
 * when enabled). Firefox keeps `profiles.ini` and per profile `extensions.json`, whose `addons[]`
 * entries carry `id` and `active`.
 *
 * `family` is the extension store the browser uses: Chromium-based browsers other than Edge install
 * from the Chrome Web Store (`chrome`), Edge from its own store (`edge`), Firefox (`firefox`).
 */
export interface BrowserLocation {
  name: string;
  family: BrowserFamily;
  engine: 'chromium' | 'firefox';
  /** User-data folder per OS; `~` is home, `%NAME%` an environment variable; `*` matches one folder name. */
  dirs: Partial<Record<AgentOs, string[]>>;
}

export const BROWSERS: readonly BrowserLocation[] = [
  {
    name: 'Google Chrome',
    family: 'chrome',
    engine: 'chromium',
    dirs: {
      linux: ['~/.config/google-chrome', '~/.config/google-chrome-beta', '~/.config/google-chrome-unstable'],
      macos: ['~/Library/Application Support/Google/Chrome', '~/Library/Application Support/Google/Chrome Beta'],
      windows: ['%LOCALAPPDATA%\\Google\\Chrome\\User Data', '%LOCALAPPDATA%\\Google\\Chrome Beta\\User Data'],
    },
  },
  {
    name: 'Chromium',
    family: 'chrome',
    engine: 'chromium',
    dirs: {
      linux: ['~/.config/chromium', '~/snap/chromium/common/chromium'],
      macos: ['~/Library/Application Support/Chromium'],
      windows: ['%LOCALAPPDATA%\\Chromium\\User Data'],
    },
  },
  {
    name: 'Microsoft Edge',
    family: 'edge',
    engine: 'chromium',
    dirs: {
      linux: ['~/.config/microsoft-edge', '~/.config/microsoft-edge-beta', '~/.config/microsoft-edge-dev'],
      macos: ['~/Library/Application Support/Microsoft Edge'],
      windows: ['%LOCALAPPDATA%\\Microsoft\\Edge\\User Data'],
    },
  },
  {
    name: 'Brave',
    family: 'chrome',
    engine: 'chromium',
    dirs: {
      linux: ['~/.config/BraveSoftware/Brave-Browser', '~/snap/brave/current/.config/BraveSoftware/Brave-Browser'],
      macos: ['~/Library/Application Support/BraveSoftware/Brave-Browser'],
      windows: ['%LOCALAPPDATA%\\BraveSoftware\\Brave-Browser\\User Data'],
    },
  },
  {
    name: 'Arc',
    family: 'chrome',
    engine: 'chromium',
    dirs: {
      macos: ['~/Library/Application Support/Arc/User Data'],
      windows: ['%LOCALAPPDATA%\\Packages\\TheBrowserCompany.Arc_*\\LocalCache\\Local\\Arc\\User Data'],
    },
  },
  {
    name: 'Comet',
    family: 'chrome',
    engine: 'chromium',
    dirs: { macos: ['~/Library/Application Support/Comet'], windows: ['%LOCALAPPDATA%\\Perplexity\\Comet\\User Data'] },
  },
  {
    name: 'ChatGPT Atlas',
    family: 'chrome',
    engine: 'chromium',
    dirs: { macos: ['~/Library/Application Support/com.openai.atlas/browser-data/host'] },
  },
  {
    name: 'Dia',
    family: 'chrome',
    engine: 'chromium',
    dirs: { macos: ['~/Library/Application Support/Dia/User Data'] },
  },
  {
    name: 'Firefox',
    family: 'firefox',
    engine: 'firefox',
    dirs: {
      linux: ['~/.mozilla/firefox', '~/snap/firefox/common/.mozilla/firefox', '~/.var/app/org.mozilla.firefox/.mozilla/firefox'],
      macos: ['~/Library/Application Support/Firefox'],
      windows: ['%APPDATA%\\Mozilla\\Firefox'],
    },
  },
];

/** The Daylight extension's ids: Chromium ids (32 letters a-p; the Chrome and Edge stores differ) and Firefox add-on ids. */
export interface ExtensionIds {
  chromium: readonly string[];
  firefox: readonly string[];
}

export interface ScanContext {
  os: AgentOs;
  home: string;
  env: Readonly<Record<string, string | undefined>>;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Expands `~`, `%NAME%` and one-level `*` globs of a browser location into existing folders. */
export function expandDir(pattern: string, ctx: ScanContext): string[] {
  const win = ctx.os === 'windows';
  let p = pattern.replace(/%([A-Za-z_]+)%/g, (_, name: string) => ctx.env[name] ?? '\u0000');
  if (p.includes('\u0000')) return [];
  if (p.startsWith('~')) p = (win ? win32.join : join)(ctx.home, p.slice(1));
  const sep = win ? '\\' : '/';
  const parts = p.split(sep);
  let paths = [parts[0] === '' ? sep : (parts[0] as string)];
  for (const part of parts.slice(1)) {
    if (!part) continue;
    const next: string[] = [];
    for (const base of paths) {
      if (part.includes('*')) {
        const re = new RegExp(`^${part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
        try {
          for (const name of readdirSync(base)) if (re.test(name)) next.push(base.endsWith(sep) ? base + name : base + sep + name);
        } catch {
          // Missing folder: no match.
        }
      } else {
        next.push(base.endsWith(sep) ? base + part : base + sep + part);
      }
    }
    paths = next;
  }
  return paths.filter(isDir);
}

const ExtensionSetting = z.looseObject({
  state: z.number().optional(),
  disable_reasons: z.union([z.number(), z.array(z.number())]).optional(),
});
const Prefs = z.looseObject({ extensions: z.looseObject({ settings: z.record(z.string(), z.unknown()).optional() }).optional() });

/** The Daylight extension's state in one Chromium profile folder. */
export function chromiumExtensionState(profileDir: string, ids: readonly string[]): { installed: boolean; enabled: boolean } {
  let installed = false;
  let enabled = false;
  for (const id of ids) {
    let merged: z.infer<typeof ExtensionSetting> | undefined;
    // Secure Preferences (Windows, macOS) holds what Preferences (Linux) does elsewhere; read both.
    for (const file of ['Preferences', 'Secure Preferences']) {
      const prefs = Prefs.safeParse(readJson(join(profileDir, file)));
      const raw = prefs.success ? prefs.data.extensions?.settings?.[id] : undefined;
      const s = raw === undefined ? undefined : ExtensionSetting.safeParse(raw);
      if (s?.success) merged = { ...merged, ...s.data };
    }
    if (!merged) continue;
    installed = true;
    const reasons = merged.disable_reasons;
    const noReasons = reasons === undefined || reasons === 0 || (Array.isArray(reasons) && reasons.length === 0);
    enabled ||= merged.state === undefined ? noReasons : merged.state === 1 && noReasons;
  }
  return { installed, enabled };
}

const LocalState = z.looseObject({
  profile: z.looseObject({ info_cache: z.record(z.string(), z.unknown()).optional() }).optional(),
});

/** Profile folders of a Chromium user-data folder: from `Local State`, else folders holding `Preferences`. */
export function chromiumProfiles(userData: string): string[] {
  const ls = LocalState.safeParse(readJson(join(userData, 'Local State')));
  const listed = ls.success ? Object.keys(ls.data.profile?.info_cache ?? {}) : [];
  const dirs = listed.length
    ? listed
    : (() => {
        try {
          return readdirSync(userData).filter((d) => d === 'Default' || /^Profile \d+$/.test(d));
        } catch {
          return [];
        }
      })();
  return dirs.filter((d) => isDir(join(userData, d))).sort();
}

/** Firefox profiles from `profiles.ini`: name and absolute folder. */
export function firefoxProfiles(root: string): { name: string; dir: string }[] {
  let text: string;
  try {
    text = readFileSync(join(root, 'profiles.ini'), 'utf8');
  } catch {
    return [];
  }
  const out: { name: string; dir: string }[] = [];
  let cur: Record<string, string> | undefined;
  const flush = (): void => {
    if (cur?.['Path']) {
      const rel = cur['IsRelative'] !== '0';
      out.push({ name: cur['Name'] ?? cur['Path'], dir: rel ? join(root, ...cur['Path'].split(/[\\/]/)) : cur['Path'] });
    }
  };
  for (const line of text.split(/\r?\n/)) {
    const section = /^\[(.+)\]$/.exec(line.trim());
    if (section) {
      flush();
      cur = /^Profile\d+$/.test(section[1] as string) ? {} : undefined;
      continue;
    }
    const kv = /^([^=]+)=(.*)$/.exec(line.trim());
    if (cur && kv) cur[kv[1] as string] = kv[2] as string;
  }
  flush();
  return out;
}

const ExtensionsJson = z.looseObject({ addons: z.array(z.looseObject({ id: z.string(), active: z.boolean().optional() })).optional() });

export function firefoxExtensionState(profileDir: string, ids: readonly string[]): { installed: boolean; enabled: boolean } {
  const parsed = ExtensionsJson.safeParse(readJson(join(profileDir, 'extensions.json')));
  const addons = parsed.success ? (parsed.data.addons ?? []).filter((a) => ids.includes(a.id)) : [];
  return { installed: addons.length > 0, enabled: addons.some((a) => a.active === true) };
}

const clip = (s: string): string => (s.length > 128 ? s.slice(0, 128) : s) || '?';

/** Every browser profile found on this machine, with the extension's state in each. */
export function scanBrowsers(ids: ExtensionIds, ctx: ScanContext, browsers: readonly BrowserLocation[] = BROWSERS): AgentBrowser[] {
  const out: AgentBrowser[] = [];
  for (const b of browsers) {
    for (const pattern of b.dirs[ctx.os] ?? []) {
      for (const dir of expandDir(pattern, ctx)) {
        if (b.engine === 'chromium') {
          for (const profile of chromiumProfiles(dir)) {
            const s = chromiumExtensionState(join(dir, profile), ids.chromium);
            out.push({
              family: b.family,
              name: b.name,
              profile: clip(profile),
              extensionInstalled: s.installed,
              extensionEnabled: s.enabled,
            });
          }
        } else {
          for (const p of firefoxProfiles(dir)) {
            const s = firefoxExtensionState(p.dir, ids.firefox);
            out.push({
              family: b.family,
              name: b.name,
              profile: clip(p.name),
              extensionInstalled: s.installed,
              extensionEnabled: s.enabled,
            });
          }
        }
      }
    }
  }
  return out.slice(0, 64);
}
