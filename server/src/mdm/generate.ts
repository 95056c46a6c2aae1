import type { RolloutFileInfo, RolloutOptions } from '../../../shared/contracts/rollout.ts';
import { plist, regBytes, regFile, stableUuid, xmlEscape, type PlistValue, type RegKey, type RegValue } from './formats.ts';

/**
 * MDM file generators: pure functions of the tenant's rollout input to file text. Every browser
 * gets the extension force-installed, its managed storage (the keys of
 * `extension/public/managed-schema.json` the background reads: `serverUrl`, `enrollmentToken`,
 * `lockSettings`) and the bypass policies the tenant chose. docs/rollout.md explains each file.
 */

export interface RolloutInput {
  tenantId: string;
  tenantName: string;
  /** Tenant server URL devices report to, without trailing slash. */
  serverUrl: string;
  /** The rollout enrollment token (`dle_...`). */
  enrollmentToken: string;
  chromium: { extensionId: string; updateUrl: string };
  firefox: { extensionId: string; installUrl: string };
  options: RolloutOptions;
}

export interface GeneratedFile extends Omit<RolloutFileInfo, 'downloadUrl'> {
  text: string;
  /** `.reg` files are UTF-16LE with BOM (as regedit writes them); everything else UTF-8. */
  encoding: 'utf8' | 'utf16le';
}

/** The Chrome Web Store's update URL (Chrome and Edge can install store items from it). */
export const CHROME_WEB_STORE_UPDATE_URL = 'https://clients2.google.com/service/update2/crx';

type Chromium = 'chrome' | 'edge';
const BROWSER_NAME: Record<Chromium, string> = { chrome: 'Google Chrome', edge: 'Microsoft Edge' };
const REG_ROOT: Record<Chromium, string> = {
  chrome: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome',
  edge: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge',
};
const MAC_DOMAIN: Record<Chromium, string> = { chrome: 'com.google.Chrome', edge: 'com.microsoft.Edge' };
const LINUX_DIR: Record<Chromium, string> = {
  chrome: '/etc/opt/chrome/policies/managed/ (Chromium: /etc/chromium/policies/managed/)',
  edge: '/etc/opt/edge/policies/managed/',
};

/** The extension's managed storage values: exactly the keys its background reads. */
export function managedStorage(input: RolloutInput): { serverUrl: string; enrollmentToken: string; lockSettings: boolean } {
  return { serverUrl: input.serverUrl, enrollmentToken: input.enrollmentToken, lockSettings: input.options.lockSettings };
}

/** Chrome / Edge policies (names and values as in the browsers' policy lists), without managed storage. */
export function chromiumPolicies(
  browser: Chromium,
  input: RolloutInput,
): Record<string, string[] | number | boolean | Record<string, unknown>> {
  const { extensionId: id, updateUrl } = input.chromium;
  const o = input.options;
  const settings: Record<string, unknown> = { installation_mode: 'force_installed', update_url: updateUrl };
  if (o.pinToolbar) {
    if (browser === 'chrome') settings['toolbar_pin'] = 'force_pinned';
    else settings['toolbar_state'] = 'force_shown';
  }
  const p: Record<string, string[] | number | boolean | Record<string, unknown>> = {
    ExtensionInstallForcelist: [`${id};${updateUrl}`],
    ExtensionSettings: { [id]: settings },
  };
  // 1 = unavailable (Chrome: IncognitoModeAvailability, Edge: InPrivateModeAvailability).
  if (o.disablePrivateBrowsing) p[browser === 'chrome' ? 'IncognitoModeAvailability' : 'InPrivateModeAvailability'] = 1;
  if (o.disableGuestMode) p['BrowserGuestModeEnabled'] = false;
  // DeveloperToolsAvailability: 0 = not on force-installed extensions (also the browsers' default
  // for them), 1 = everywhere (DevTools may inspect and stop Daylight), 2 = never.
  p['DeveloperToolsAvailability'] = { extensions: 0, allowed: 1, blocked: 2 }[o.developerTools];
  return p;
}

/** Linux (and any JSON policy directory): policies plus managed storage under `3rdparty`. */
export function chromiumLinuxJson(browser: Chromium, input: RolloutInput): string {
  const doc = { ...chromiumPolicies(browser, input), '3rdparty': { extensions: { [input.chromium.extensionId]: managedStorage(input) } } };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const regValue = (v: string | number | boolean): RegValue =>
  typeof v === 'string' ? { sz: v } : { dword: typeof v === 'boolean' ? (v ? 1 : 0) : v };

/** Registry keys of the Chrome / Edge policies and managed storage (shared by `.reg` and the Intune ADMX). */
export function chromiumRegKeys(browser: Chromium, input: RolloutInput): RegKey[] {
  const root = REG_ROOT[browser];
  const policies = chromiumPolicies(browser, input);
  const top: RegKey = { path: root, values: [] };
  const keys: RegKey[] = [top];
  for (const [name, v] of Object.entries(policies)) {
    if (Array.isArray(v)) keys.push({ path: `${root}\\${name}`, values: v.map((x, i) => [String(i + 1), { sz: x }]) });
    else if (typeof v === 'object') top.values.push([name, { sz: JSON.stringify(v) }]);
    else top.values.push([name, regValue(v)]);
  }
  keys.push({
    path: `${root}\\3rdparty\\extensions\\${input.chromium.extensionId}\\policy`,
    values: Object.entries(managedStorage(input)).map(([k, v]) => [k, regValue(v)]),
  });
  return keys;
}

/** Firefox policies (policies.json `policies` object), with managed storage under `3rdparty`. */
export function firefoxPolicies(input: RolloutInput): Record<string, unknown> {
  const o = input.options;
  const ext: Record<string, unknown> = {
    installation_mode: 'force_installed',
    install_url: input.firefox.installUrl,
    // Run in private windows too, when they are allowed.
    private_browsing: true,
  };
  if (o.pinToolbar) ext['default_area'] = 'navbar';
  const p: Record<string, unknown> = { ExtensionSettings: { [input.firefox.extensionId]: ext } };
  if (o.disablePrivateBrowsing) p['DisablePrivateBrowsing'] = true;
  if (o.developerTools === 'blocked') p['DisableDeveloperTools'] = true;
  p['3rdparty'] = { Extensions: { [input.firefox.extensionId]: managedStorage(input) } };
  return p;
}

function firefoxRegKeys(input: RolloutInput): RegKey[] {
  const root = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Mozilla\\Firefox';
  const p = firefoxPolicies(input);
  const top: RegKey = { path: root, values: [] };
  for (const [name, v] of Object.entries(p)) {
    if (name === '3rdparty') continue;
    top.values.push([name, typeof v === 'object' ? { sz: JSON.stringify(v) } : regValue(v as boolean)]);
  }
  return [
    top,
    {
      // Strings only: Firefox has no managed schema to turn a DWORD into the boolean the
      // extension expects, so `lockSettings` (a boolean) is left to policies.json / the profile.
      path: `${root}\\3rdparty\\Extensions\\${input.firefox.extensionId}`,
      values: Object.entries(managedStorage(input))
        .filter(([, v]) => typeof v === 'string')
        .map(([k, v]) => [k, regValue(v)]),
    },
  ];
}

const header = (input: RolloutInput, what: string): string =>
  `Daylight rollout for ${input.tenantName}: ${what}.\nContains the tenant's enrollment token: distribute only through your MDM.`;

function profile(
  input: RolloutInput,
  id: string,
  name: string,
  payloads: { type: string; name: string; values: Record<string, PlistValue> }[],
): string {
  const base = `dev.daylight.rollout.${id}`;
  return plist({
    PayloadContent: payloads.map((p) => ({
      PayloadType: p.type,
      PayloadIdentifier: `${base}.${p.type}`,
      PayloadUUID: stableUuid(input.tenantId, base, p.type),
      PayloadVersion: 1,
      PayloadDisplayName: p.name,
      PayloadEnabled: true,
      ...p.values,
    })),
    PayloadDisplayName: name,
    PayloadDescription: header(input, name),
    PayloadIdentifier: base,
    PayloadOrganization: input.tenantName,
    PayloadScope: 'System',
    PayloadType: 'Configuration',
    PayloadUUID: stableUuid(input.tenantId, base),
    PayloadVersion: 1,
    PayloadRemovalDisallowed: true,
  });
}

function chromiumMobileconfig(browser: Chromium, input: RolloutInput): string {
  const domain = MAC_DOMAIN[browser];
  return profile(input, `${browser}`, `Daylight for ${BROWSER_NAME[browser]}`, [
    { type: domain, name: `${BROWSER_NAME[browser]} policies`, values: chromiumPolicies(browser, input) as Record<string, PlistValue> },
    { type: `${domain}.extensions.${input.chromium.extensionId}`, name: 'Daylight extension settings', values: managedStorage(input) },
  ]);
}

function firefoxMobileconfig(input: RolloutInput): string {
  return profile(input, 'firefox', 'Daylight for Firefox', [
    {
      type: 'org.mozilla.firefox',
      name: 'Firefox policies',
      values: { EnterprisePoliciesEnabled: true, ...(firefoxPolicies(input) as Record<string, PlistValue>) },
    },
  ]);
}

/** The ADMX Intune ingests: one policy per registry key, its values fixed (this tenant's). */
export function intuneAdmx(input: RolloutInput): { admx: string; policies: string[] } {
  const keys = [...chromiumRegKeys('chrome', input), ...chromiumRegKeys('edge', input)];
  const policies: string[] = [];
  const body = keys.map((k, i) => {
    const name = `DaylightKey${i + 1}`;
    policies.push(name);
    const regPath = k.path.replace(/^HKEY_LOCAL_MACHINE\\/, '');
    const items = k.values.map(([n, v]) => {
      const value = 'sz' in v ? `<string>${xmlEscape(v.sz)}</string>` : `<decimal value="${v.dword}"/>`;
      return `        <item key="${xmlEscape(regPath)}" valueName="${xmlEscape(n)}"><value>${value}</value></item>`;
    });
    return [
      `    <policy name="${name}" class="Machine" displayName="$(string.${name})" key="${xmlEscape(regPath)}">`,
      '      <parentCategory ref="Daylight"/>',
      '      <supportedOn ref="windows:SUPPORTED_Windows_10_0"/>',
      '      <enabledList>',
      ...items,
      '      </enabledList>',
      '    </policy>',
    ].join('\n');
  });
  const admx = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
    '  <policyNamespaces>',
    '    <target prefix="daylight" namespace="Daylight.Policies.Rollout"/>',
    '    <using prefix="windows" namespace="Microsoft.Policies.Windows"/>',
    '  </policyNamespaces>',
    '  <resources minRequiredRevision="1.0"/>',
    '  <categories>',
    '    <category name="Daylight" displayName="$(string.Daylight)"/>',
    '  </categories>',
    '  <policies>',
    ...body,
    '  </policies>',
    '</policyDefinitions>',
  ].join('\n');
  return { admx, policies };
}

/**
 * Intune: a Windows 10+ custom configuration profile (Microsoft Graph
 * `windows10CustomConfiguration`, importable with `POST /deviceManagement/deviceConfigurations`)
 * of OMA-URI settings: ingest the tenant's ADMX, then enable each of its policies.
 */
export function intuneJson(input: RolloutInput): string {
  const { admx, policies } = intuneAdmx(input);
  const omaSettings = [
    {
      '@odata.type': '#microsoft.graph.omaSettingString',
      displayName: 'Daylight ADMX (ingestion)',
      omaUri: './Device/Vendor/MSFT/Policy/ConfigOperations/ADMXInstall/Daylight/Policy/DaylightRollout',
      value: admx,
    },
    ...policies.map((p) => ({
      '@odata.type': '#microsoft.graph.omaSettingString',
      displayName: `Daylight ${p}`,
      omaUri: `./Device/Vendor/MSFT/Policy/Config/Daylight~Policy~Daylight/${p}`,
      value: '<enabled/>',
    })),
  ];
  const doc = {
    '@odata.type': '#microsoft.graph.windows10CustomConfiguration',
    displayName: `Daylight for Chrome and Edge (${input.tenantName})`,
    description: header(input, 'Chrome and Edge force-install, managed configuration and bypass policies'),
    omaSettings,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The desktop agent's managed configuration (desktop/core/config.ts `ManagedConfig`). */
export function agentConfig(input: RolloutInput): string {
  const doc = {
    serverUrl: input.serverUrl,
    enrollmentToken: input.enrollmentToken,
    syncIntervalSeconds: 60,
    clipboard: { enabled: true, read: 'ai-apps', pollMs: 500 },
    extension: { chromiumIds: [input.chromium.extensionId], firefoxIds: [input.firefox.extensionId] },
    discovery: { enabled: true, intervalSeconds: 300 },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Google Admin console steps with this tenant's values (managed Chrome browsers and ChromeOS). */
export function googleAdminInstructions(input: RolloutInput): string {
  const o = input.options;
  const ext = Object.fromEntries(Object.entries(managedStorage(input)).map(([k, v]) => [k, { Value: v }]));
  const bypass = [
    o.disablePrivateBrowsing ? '- **Incognito mode**: Disallow incognito mode.' : null,
    o.disableGuestMode ? '- **Browser guest mode**: Prevent guest browser mode.' : null,
    o.developerTools === 'extensions'
      ? '- **Developer tools**: Allow use of built-in developer tools except for force-installed extensions.'
      : o.developerTools === 'blocked'
        ? '- **Developer tools**: Never allow use of built-in developer tools.'
        : null,
  ].filter((x) => x !== null);
  return [
    `# Daylight in Google Admin console (${input.tenantName})`,
    '',
    'For Chrome browsers enrolled in Chrome Enterprise Core and for ChromeOS devices. This page holds the',
    "tenant's enrollment token: share it only with the people who manage Chrome.",
    '',
    '1. Open **Devices > Chrome > Apps & extensions > Users & browsers** and select the organizational',
    '   unit of your pilot group first (docs/rollout.md: start small).',
    input.options.chromiumSource === 'chrome-web-store'
      ? `2. Click **+ > Add from Chrome Web Store** and enter the extension id \`${input.chromium.extensionId}\`.`
      : `2. Click **+ > Add Chrome app or extension by ID**, choose **From a custom URL**, enter the extension id\n   \`${input.chromium.extensionId}\` and the URL \`${input.chromium.updateUrl}\`.`,
    '3. Set **Installation policy** to **Force install**' + (o.pinToolbar ? ' + pin to browser toolbar.' : '.'),
    '4. Paste this into **Policy for extensions** and save:',
    '',
    '```json',
    JSON.stringify(ext, null, 2),
    '```',
    '',
    '5. Under **Devices > Chrome > Settings > Users & browsers > Security** (and **User experience**) set:',
    '',
    ...(bypass.length ? bypass : ['- (no bypass settings chosen for this tenant)']),
    '',
    '6. Within a few minutes, `chrome://policy` on a pilot device lists `ExtensionInstallForcelist` and, under',
    `   the extension ${input.chromium.extensionId}, the keys \`serverUrl\`, \`enrollmentToken\`, \`lockSettings\`;`,
    '   the device then appears in the dashboard under Devices.',
    '',
  ].join('\n');
}

/** Every rollout file for a tenant, in the order the dashboard lists them. */
export function rolloutFiles(input: RolloutInput): GeneratedFile[] {
  const reg = (target: 'chrome' | 'edge' | 'firefox', keys: RegKey[]): GeneratedFile => ({
    name: `${target}-windows.reg`,
    platform: 'windows',
    target,
    description: `${target === 'firefox' ? 'Mozilla Firefox' : BROWSER_NAME[target]} policies for Windows (group policy preference or \`reg import\`, as administrator).`,
    contentType: 'text/x-ms-regedit',
    encoding: 'utf16le',
    text: regFile(keys, header(input, `${target} policies`)),
  });
  const mobileconfig = (target: 'chrome' | 'edge' | 'firefox', text: string): GeneratedFile => ({
    name: `${target}-macos.mobileconfig`,
    platform: 'macos',
    target,
    description: `macOS configuration profile for ${target === 'firefox' ? 'Mozilla Firefox' : BROWSER_NAME[target]} (Jamf, Intune, Kandji: upload as a custom profile).`,
    contentType: 'application/x-apple-aspen-config',
    encoding: 'utf8',
    text,
  });
  const linux = (target: Chromium): GeneratedFile => ({
    name: `${target}-linux.json`,
    platform: 'linux',
    target,
    description: `${BROWSER_NAME[target]} policy file for Linux: copy into ${LINUX_DIR[target]}.`,
    contentType: 'application/json',
    encoding: 'utf8',
    text: chromiumLinuxJson(target, input),
  });
  return [
    reg('chrome', chromiumRegKeys('chrome', input)),
    reg('edge', chromiumRegKeys('edge', input)),
    reg('firefox', firefoxRegKeys(input)),
    {
      name: 'chrome-edge-intune.json',
      platform: 'windows',
      target: 'chrome',
      description: 'Intune custom profile (OMA-URI, ADMX ingestion) for Chrome and Edge; import through Microsoft Graph.',
      contentType: 'application/json',
      encoding: 'utf8',
      text: intuneJson(input),
    },
    mobileconfig('chrome', chromiumMobileconfig('chrome', input)),
    mobileconfig('edge', chromiumMobileconfig('edge', input)),
    mobileconfig('firefox', firefoxMobileconfig(input)),
    linux('chrome'),
    linux('edge'),
    {
      name: 'firefox-policies.json',
      platform: 'all',
      target: 'firefox',
      description:
        'Firefox policies.json: Linux /etc/firefox/policies/, Windows and macOS the distribution folder of the install (or use the .reg / .mobileconfig).',
      contentType: 'application/json',
      encoding: 'utf8',
      text: `${JSON.stringify({ policies: firefoxPolicies(input) }, null, 2)}\n`,
    },
    {
      name: 'google-admin.md',
      platform: 'all',
      target: 'chrome',
      description: 'Google Admin console steps (Chrome Enterprise Core, ChromeOS) with the values to paste.',
      contentType: 'text/markdown; charset=utf-8',
      encoding: 'utf8',
      text: googleAdminInstructions(input),
    },
    {
      name: 'agent.json',
      platform: 'all',
      target: 'agent',
      description:
        'Desktop agent configuration: Linux /etc/daylight/agent.json, macOS /Library/Application Support/Daylight/agent.json, Windows %ProgramData%\\Daylight\\agent.json.',
      contentType: 'application/json',
      encoding: 'utf8',
      text: agentConfig(input),
    },
  ];
}

/** The bytes of a generated file as it is downloaded or written. */
export function fileBytes(f: GeneratedFile): Buffer {
  return f.encoding === 'utf16le' ? regBytes(f.text) : Buffer.from(f.text, 'utf8');
}
