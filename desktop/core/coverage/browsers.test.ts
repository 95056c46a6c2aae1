import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandDir, firefoxProfiles, scanBrowsers, type ExtensionIds } from './browsers.ts';

const FIXTURES = resolve(import.meta.dirname, '../../../test/fixtures/browsers');
const IDS: ExtensionIds = {
  chromium: ['pdlhgfkjmmnaakkbebcdocbmaaocepjn', 'oimhbhfjkkgpjdjmeaegnnhkkkcgpmoa'],
  firefox: ['agent@daylight.example'],
};
const row = (b: { name: string; profile: string; family: string; extensionInstalled: boolean; extensionEnabled: boolean }) =>
  `${b.name} | ${b.profile} | ${b.family} | ${b.extensionInstalled ? (b.extensionEnabled ? 'enabled' : 'disabled') : 'missing'}`;

describe('browser coverage from profile folders', () => {
  it('finds every Linux browser profile and the extension state in each', () => {
    const found = scanBrowsers(IDS, { os: 'linux', home: `${FIXTURES}/linux/home`, env: {} });
    expect(found.map(row)).toEqual([
      'Google Chrome | Default | chrome | enabled',
      'Google Chrome | Profile 1 | chrome | disabled',
      'Google Chrome | Profile 2 | chrome | missing',
      'Chromium | Default | chrome | enabled',
      'Microsoft Edge | Default | edge | disabled',
      'Brave | Default | chrome | enabled',
      'Firefox | work | firefox | disabled',
      'Firefox | default-release | firefox | enabled',
      'Firefox | default | firefox | missing',
    ]);
  });

  it('finds the macOS browsers, AI browsers included', () => {
    const found = scanBrowsers(IDS, { os: 'macos', home: `${FIXTURES}/macos/home`, env: {} });
    expect(found.map(row)).toEqual([
      'Google Chrome | Default | chrome | enabled',
      'Arc | Default | chrome | enabled',
      'Comet | Default | chrome | missing',
      'ChatGPT Atlas | Default | chrome | disabled',
      'Dia | Default | chrome | enabled',
      'Dia | Profile 1 | chrome | missing',
      'Firefox | default-release | firefox | enabled',
    ]);
  });

  it('reports every profile as missing the extension when its ids are not configured', () => {
    const found = scanBrowsers({ chromium: [], firefox: [] }, { os: 'linux', home: `${FIXTURES}/linux/home`, env: {} });
    expect(found).toHaveLength(9);
    expect(found.every((b) => !b.extensionInstalled && !b.extensionEnabled)).toBe(true);
  });

  it('finds nothing in an empty home, and skips locations whose variable is unset', () => {
    expect(scanBrowsers(IDS, { os: 'linux', home: `${FIXTURES}/nowhere`, env: {} })).toEqual([]);
    expect(expandDir('%LOCALAPPDATA%\\Google\\Chrome\\User Data', { os: 'windows', home: 'C:\\Users\\u', env: {} })).toEqual([]);
  });

  it('expands one-level wildcards (Arc on Windows lives under a versioned package folder)', () => {
    expect(expandDir('~/Library/Application Support/*/User Data', { os: 'macos', home: `${FIXTURES}/macos/home`, env: {} })).toEqual([
      `${FIXTURES}/macos/home/Library/Application Support/Arc/User Data`,
      `${FIXTURES}/macos/home/Library/Application Support/Dia/User Data`,
    ]);
  });

  it('reads profiles.ini sections in any order and ignores install sections', () => {
    expect(firefoxProfiles(`${FIXTURES}/linux/home/.mozilla/firefox`).map((p) => p.name)).toEqual(['work', 'default-release', 'default']);
  });
});
