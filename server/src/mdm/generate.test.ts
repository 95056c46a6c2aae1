import { Ajv } from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readFileSync } from 'node:fs';
import * as plist from 'plist';
import { describe, expect, it } from 'vitest';
import { RolloutOptions } from '../../../shared/contracts/rollout.ts';
import {
  chromiumPolicies,
  fileBytes,
  firefoxPolicies,
  managedStorage,
  rolloutFiles,
  type GeneratedFile,
  type RolloutInput,
} from './generate.ts';

/** The extension's managed storage schema, read as the browser reads it (a JSON file in the build). */
const MANAGED_SCHEMA = JSON.parse(
  readFileSync(new URL('../../../extension/public/managed-schema.json', import.meta.url), 'utf8'),
) as object;
const ajv = new Ajv({ strict: true, allErrors: true });
// Chrome validates managed storage against the schema; additionally require the two keys enrollment needs.
const validateManaged = ajv.compile({ ...MANAGED_SCHEMA, required: ['serverUrl', 'enrollmentToken'], additionalProperties: false });

/**
 * The shape of the Chrome/Edge policies we emit, as the browsers' policy templates define them
 * (names, types, allowed values). Unknown policy names are refused so a typo cannot slip through.
 */
const CHROMIUM_POLICY_SHAPE = {
  type: 'object',
  additionalProperties: false,
  required: ['ExtensionInstallForcelist', 'ExtensionSettings'],
  properties: {
    ExtensionInstallForcelist: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[a-p]{32};https?://[^;\\s]+$' } },
    ExtensionSettings: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^([a-p]{32}|\\*)$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['installation_mode', 'update_url'],
        properties: {
          installation_mode: { enum: ['allowed', 'blocked', 'force_installed', 'normal_installed', 'removed'] },
          update_url: { type: 'string', pattern: '^https?://' },
          toolbar_pin: { enum: ['force_pinned', 'default_unpinned'] },
          toolbar_state: { enum: ['force_shown', 'default_shown', 'default_hidden'] },
        },
      },
    },
    IncognitoModeAvailability: { type: 'integer', enum: [0, 1, 2] },
    InPrivateModeAvailability: { type: 'integer', enum: [0, 1, 2] },
    BrowserGuestModeEnabled: { type: 'boolean' },
    DeveloperToolsAvailability: { type: 'integer', enum: [0, 1, 2, 3] },
    '3rdparty': {
      type: 'object',
      additionalProperties: false,
      properties: { extensions: { type: 'object', propertyNames: { pattern: '^[a-p]{32}$' } } },
    },
  },
};
const validateChromium = ajv.compile(CHROMIUM_POLICY_SHAPE);

const TOKEN = `dle_${'A'.repeat(22)}${'b'.repeat(43)}`;
const ID = 'diokaghpeaomnjmnaanpldabplffnicf';

function input(options: Partial<RolloutOptions> = {}): RolloutInput {
  return {
    tenantId: '11111111-2222-4333-8444-555555555555',
    // Characters every format must escape.
    tenantName: `Acme & "Sons" <EMEA> 'Süd' \\ ü`,
    serverUrl: 'https://daylight.acme.example',
    enrollmentToken: TOKEN,
    chromium: { extensionId: ID, updateUrl: 'https://daylight.acme.example/extension/update.xml' },
    firefox: { extensionId: 'extension@daylight.dev', installUrl: 'https://daylight.acme.example/extension/daylight-latest.xpi' },
    options: RolloutOptions.parse(options),
  };
}

// --- A strict REG 5.00 parser -------------------------------------------------------------------

type Reg = Map<string, Map<string, string | number>>;
const ROOTS = ['HKEY_LOCAL_MACHINE', 'HKEY_CURRENT_USER', 'HKEY_CLASSES_ROOT', 'HKEY_USERS', 'HKEY_CURRENT_CONFIG'];

/**
 * Parses a `.reg` file the way regedit requires: UTF-16LE with BOM, CRLF lines, the exact
 * `Windows Registry Editor Version 5.00` header, `[ROOT\path]` key lines, `"name"="string"` with
 * only `\\` and `\"` escapes, or `"name"=dword:` with exactly 8 hex digits; `;` comments, blank
 * lines. Anything else throws with the line number.
 */
function parseReg(bytes: Buffer): Reg {
  if (bytes[0] !== 0xff || bytes[1] !== 0xfe) throw new Error('no UTF-16LE byte order mark');
  const text = bytes.subarray(2).toString('utf16le');
  if (/\r(?!\n)|(?<!\r)\n/.test(text)) throw new Error('line endings must be CRLF');
  const lines = text.split('\r\n');
  if (lines[0] !== 'Windows Registry Editor Version 5.00') throw new Error(`bad header: ${lines[0]}`);
  const reg: Reg = new Map();
  let key: Map<string, string | number> | undefined;
  const STR = /"((?:[^"\\]|\\["\\])*)"/y;
  const unescape = (s: string) => s.replace(/\\(["\\])/g, '$1');
  lines.slice(1).forEach((line, i) => {
    const n = i + 2;
    if (line === '' || line.startsWith(';')) return;
    const k = /^\[([^\]\r\n]+)\]$/.exec(line);
    if (k) {
      const path = k[1]!;
      if (!ROOTS.includes(path.split('\\')[0]!)) throw new Error(`line ${n}: unknown root in ${path}`);
      if (path.split('\\').some((p) => p === '')) throw new Error(`line ${n}: empty key segment`);
      key = new Map();
      reg.set(path, key);
      return;
    }
    if (!key) throw new Error(`line ${n}: value outside a key`);
    STR.lastIndex = 0;
    const name = STR.exec(line);
    if (!name) throw new Error(`line ${n}: value name must be a quoted string: ${line}`);
    let rest = line.slice(STR.lastIndex);
    if (!rest.startsWith('=')) throw new Error(`line ${n}: expected =`);
    rest = rest.slice(1);
    let value: string | number;
    const dword = /^dword:([0-9a-f]{8})$/.exec(rest);
    if (dword) value = parseInt(dword[1]!, 16);
    else {
      STR.lastIndex = 0;
      const s = STR.exec(rest);
      if (!s || STR.lastIndex !== rest.length) throw new Error(`line ${n}: bad value: ${rest}`);
      value = unescape(s[1]!);
    }
    if (key.has(unescape(name[1]!))) throw new Error(`line ${n}: duplicate value`);
    key.set(unescape(name[1]!), value);
  });
  return reg;
}

const byName = (files: GeneratedFile[], name: string): GeneratedFile => {
  const f = files.find((x) => x.name === name);
  if (!f) throw new Error(`no ${name}`);
  return f;
};

describe('the strict .reg parser', () => {
  const enc = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
  it('accepts a well-formed file and refuses malformed ones', () => {
    const ok = 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\A\\B]\r\n"x"="a\\"b\\\\c"\r\n"y"=dword:0000000a\r\n';
    expect(parseReg(enc(ok)).get('HKEY_LOCAL_MACHINE\\A\\B')).toEqual(
      new Map<string, string | number>([
        ['x', 'a"b\\c'],
        ['y', 10],
      ]),
    );
    expect(() => parseReg(Buffer.from(ok))).toThrow(/byte order mark/);
    expect(() => parseReg(enc(ok.replace(/\r\n/g, '\n')))).toThrow(/CRLF/);
    expect(() => parseReg(enc(ok.replace('"a\\"b', '"a"b')))).toThrow(/bad value/);
    expect(() => parseReg(enc(ok.replace('dword:0000000a', 'dword:a')))).toThrow(/bad value/);
    expect(() => parseReg(enc(ok.replace('HKEY_LOCAL_MACHINE', 'HKLM')))).toThrow(/unknown root/);
    expect(() => parseReg(enc(ok.replace('5.00', '4.00')))).toThrow(/header/);
  });
});

describe.each([
  ['defaults', {}],
  [
    'everything allowed',
    { disablePrivateBrowsing: false, disableGuestMode: false, developerTools: 'allowed', lockSettings: false, pinToolbar: false },
  ],
  ['developer tools blocked, Chrome Web Store', { developerTools: 'blocked', chromiumSource: 'chrome-web-store' }],
] as const)('rollout files (%s)', (_name, options) => {
  const inp = input(options as Partial<RolloutOptions>);
  const files = rolloutFiles(inp);
  const managed = managedStorage(inp);

  it('lists every file once, with names the download route accepts', () => {
    const names = files.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(12);
    for (const n of names) expect(n).toMatch(/^[a-z0-9][a-z0-9.-]{0,80}$/);
  });

  it('managed storage matches the extension schema (ajv)', () => {
    expect(validateManaged(managed), JSON.stringify(validateManaged.errors)).toBe(true);
    expect(validateManaged({ ...managed, extra: 1 })).toBe(false);
  });

  it('Chrome and Edge policies have the shape of the browsers policy templates (ajv)', () => {
    for (const b of ['chrome', 'edge'] as const) {
      const p = chromiumPolicies(b, inp);
      expect(validateChromium(p), JSON.stringify(validateChromium.errors)).toBe(true);
    }
    expect(chromiumPolicies('chrome', inp)['IncognitoModeAvailability']).toBe(inp.options.disablePrivateBrowsing ? 1 : undefined);
    expect(chromiumPolicies('edge', inp)['InPrivateModeAvailability']).toBe(inp.options.disablePrivateBrowsing ? 1 : undefined);
    expect(chromiumPolicies('chrome', inp)['DeveloperToolsAvailability']).toBe(
      { extensions: 0, allowed: 1, blocked: 2 }[inp.options.developerTools],
    );
  });

  it('Linux JSON policy files parse and carry the managed storage under 3rdparty', () => {
    for (const b of ['chrome', 'edge'] as const) {
      const doc = JSON.parse(byName(files, `${b}-linux.json`).text) as Record<string, unknown> & {
        '3rdparty': { extensions: Record<string, unknown> };
      };
      expect(validateChromium(doc), JSON.stringify(validateChromium.errors)).toBe(true);
      expect(doc['3rdparty'].extensions[ID]).toEqual(managed);
      expect(validateManaged(doc['3rdparty'].extensions[ID])).toBe(true);
    }
  });

  it('.reg files are valid REG 5.00 and hold exactly the policies', () => {
    for (const [b, root] of [
      ['chrome', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome'],
      ['edge', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge'],
    ] as const) {
      const f = byName(files, `${b}-windows.reg`);
      const reg = parseReg(fileBytes(f));
      const policies = chromiumPolicies(b, inp);
      expect(reg.get(`${root}\\ExtensionInstallForcelist`)).toEqual(new Map([['1', (policies.ExtensionInstallForcelist as string[])[0]]]));
      const top = reg.get(root)!;
      expect(JSON.parse(top.get('ExtensionSettings') as string)).toEqual(policies.ExtensionSettings);
      for (const [k, v] of Object.entries(policies)) {
        if (typeof v === 'number' || typeof v === 'boolean') expect(top.get(k), k).toBe(Number(v));
      }
      const storage = Object.fromEntries(reg.get(`${root}\\3rdparty\\extensions\\${ID}\\policy`)!);
      expect(storage).toEqual({ ...managed, lockSettings: managed.lockSettings ? 1 : 0 });
    }
    const ff = parseReg(fileBytes(byName(files, 'firefox-windows.reg')));
    const root = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Mozilla\\Firefox';
    expect(JSON.parse(ff.get(root)!.get('ExtensionSettings') as string)).toEqual(firefoxPolicies(inp)['ExtensionSettings']);
    expect(ff.get(root)!.get('DisablePrivateBrowsing')).toBe(inp.options.disablePrivateBrowsing ? 1 : undefined);
    // Firefox reads registry DWORDs as numbers (no managed schema): only the strings go there.
    expect(Object.fromEntries(ff.get(`${root}\\3rdparty\\Extensions\\extension@daylight.dev`)!)).toEqual({
      serverUrl: managed.serverUrl,
      enrollmentToken: managed.enrollmentToken,
    });
  });

  it('.mobileconfig profiles are valid property lists with the payloads macOS expects (plist)', () => {
    const uuids = new Set<string>();
    for (const [b, domain] of [
      ['chrome', 'com.google.Chrome'],
      ['edge', 'com.microsoft.Edge'],
      ['firefox', 'org.mozilla.firefox'],
    ] as const) {
      const text = byName(files, `${b}-macos.mobileconfig`).text;
      expect(XMLValidator.validate(text)).toBe(true);
      const doc = plist.parse(text) as Record<string, unknown> & { PayloadContent: Record<string, unknown>[] };
      expect(doc).toMatchObject({
        PayloadType: 'Configuration',
        PayloadVersion: 1,
        PayloadScope: 'System',
        PayloadOrganization: inp.tenantName,
      });
      for (const p of [doc, ...doc.PayloadContent]) {
        expect(p['PayloadUUID']).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
        uuids.add(p['PayloadUUID'] as string);
        expect(typeof p['PayloadIdentifier']).toBe('string');
      }
      const main = doc.PayloadContent.find((p) => p['PayloadType'] === domain)!;
      const strip = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(p).filter(([k]) => !k.startsWith('Payload')));
      if (b === 'firefox') {
        expect(strip(main)).toEqual({ EnterprisePoliciesEnabled: true, ...firefoxPolicies(inp) });
        const ext = (main['3rdparty'] as { Extensions: Record<string, unknown> }).Extensions['extension@daylight.dev'];
        expect(validateManaged(ext)).toBe(true);
      } else {
        expect(strip(main)).toEqual(chromiumPolicies(b, inp));
        const ext = doc.PayloadContent.find((p) => p['PayloadType'] === `${domain}.extensions.${ID}`)!;
        expect(validateManaged(strip(ext)), JSON.stringify(validateManaged.errors)).toBe(true);
        expect(strip(ext)).toEqual(managed);
      }
    }
    expect(uuids.size).toBe(3 + 3 + 2);
    // Stable: generating again gives the same UUIDs (MDM sees an update, not a new profile).
    expect(byName(rolloutFiles(inp), 'chrome-macos.mobileconfig').text).toBe(byName(files, 'chrome-macos.mobileconfig').text);
  });

  it('the Intune profile is Graph JSON whose ADMX is valid XML defining every policy it enables (fast-xml-parser)', () => {
    const doc = JSON.parse(byName(files, 'chrome-edge-intune.json').text) as {
      '@odata.type': string;
      omaSettings: { '@odata.type': string; omaUri: string; value: string }[];
    };
    expect(doc['@odata.type']).toBe('#microsoft.graph.windows10CustomConfiguration');
    const [ingest, ...enable] = doc.omaSettings;
    expect(ingest!.omaUri).toBe('./Device/Vendor/MSFT/Policy/ConfigOperations/ADMXInstall/Daylight/Policy/DaylightRollout');
    expect(XMLValidator.validate(ingest!.value)).toBe(true);
    const admx = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['policy', 'item'].includes(n) }).parse(
      ingest!.value,
    ) as {
      policyDefinitions: {
        policies: {
          policy: { name: string; key: string; enabledList: { item: { key: string; valueName: string; value: { string?: string } }[] } }[];
        };
      };
    };
    const policies = admx.policyDefinitions.policies.policy;
    expect(enable.map((e) => e.omaUri)).toEqual(
      policies.map((p) => `./Device/Vendor/MSFT/Policy/Config/Daylight~Policy~Daylight/${p.name}`),
    );
    for (const e of enable) expect(e.value).toBe('<enabled/>');
    const token = policies.flatMap((p) => p.enabledList.item).find((i) => i.valueName === 'enrollmentToken');
    expect(token?.value.string).toBe(TOKEN);
    for (const p of policies) expect(p.key).toMatch(/^Software\\Policies\\(Google\\Chrome|Microsoft\\Edge)/i);
  });

  it('firefox-policies.json has the policies.json shape with 3rdparty managed storage', () => {
    const doc = JSON.parse(byName(files, 'firefox-policies.json').text) as { policies: Record<string, unknown> };
    expect(Object.keys(doc)).toEqual(['policies']);
    expect(doc.policies).toEqual(firefoxPolicies(inp));
    expect(doc.policies['ExtensionSettings']).toEqual({
      'extension@daylight.dev': expect.objectContaining({
        installation_mode: 'force_installed',
        install_url: inp.firefox.installUrl,
      }) as unknown,
    });
    expect(
      validateManaged((doc.policies['3rdparty'] as { Extensions: Record<string, unknown> }).Extensions['extension@daylight.dev']),
    ).toBe(true);
  });

  it('the Google Admin steps carry the id, the update URL and the extension policy JSON', () => {
    const text = byName(files, 'google-admin.md').text;
    expect(text).toContain(ID);
    if (inp.options.chromiumSource === 'self-hosted') expect(text).toContain(inp.chromium.updateUrl);
    const json = /```json\n([\s\S]*?)\n```/.exec(text)![1]!;
    const values = JSON.parse(json) as Record<string, { Value: unknown }>;
    expect(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.Value]))).toEqual(managed);
  });
});
