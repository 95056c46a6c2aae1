import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, readConfig, resolveLocations } from './config.ts';
import { defaultConfigPath, defaultStateDir } from './paths.ts';

const good = { serverUrl: 'https://daylight.example.com/', enrollmentToken: `dle_${'a'.repeat(30)}` };

describe('managed configuration', () => {
  it('parses a minimal file and fills defaults', () => {
    const c = parseConfig(JSON.stringify(good), 'agent.json');
    expect(c.serverUrl).toBe('https://daylight.example.com');
    expect(c.clipboard).toEqual({ enabled: true, read: 'ai-apps', pollMs: 500 });
    expect(c.syncIntervalSeconds).toBe(60);
  });

  it('names every bad field and refuses unknown keys', () => {
    const bad = { ...good, enrollmentToken: 'nope', clipbord: {}, syncIntervalSeconds: 1 };
    let err: unknown;
    try {
      parseConfig(JSON.stringify(bad), '/etc/daylight/agent.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toContain('/etc/daylight/agent.json');
    expect(msg).toContain('enrollmentToken');
    expect(msg).toContain('clipbord');
    expect(msg).toContain('syncIntervalSeconds');
  });

  it('says when the file is not JSON, and treats a missing file as unmanaged', () => {
    expect(() => parseConfig('{', 'x.json')).toThrow(/not valid JSON/);
    const dir = mkdtempSync(join(tmpdir(), 'dl-config-'));
    try {
      expect(readConfig(join(dir, 'missing.json'))).toBeUndefined();
      writeFileSync(join(dir, 'agent.json'), JSON.stringify(good));
      expect(readConfig(join(dir, 'agent.json'))?.enrollmentToken).toBe(good.enrollmentToken);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('knows the per-OS locations', () => {
    expect(defaultConfigPath('linux')).toBe('/etc/daylight/agent.json');
    expect(defaultConfigPath('macos')).toBe('/Library/Application Support/Daylight/agent.json');
    expect(defaultConfigPath('windows', { ProgramData: 'D:\\PD' })).toBe('D:\\PD\\Daylight\\agent.json');
    expect(defaultStateDir('linux', {}, '/home/u')).toBe('/home/u/.local/state/daylight');
    expect(defaultStateDir('linux', { XDG_STATE_HOME: '/x' }, '/home/u')).toBe('/x/daylight');
    expect(defaultStateDir('windows', { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'C:\\Users\\u')).toBe(
      'C:\\Users\\u\\AppData\\Local\\Daylight',
    );
  });

  it('lets flags beat environment beat the file beat the default', () => {
    const c = parseConfig(JSON.stringify({ ...good, stateDir: '/srv/state' }), 'a');
    const env = { DAYLIGHT_CONFIG: '/env/agent.json', DAYLIGHT_STATE_DIR: '/env/state' };
    expect(resolveLocations({ config: '/flag.json', stateDir: '/flag' }, c, env, 'linux')).toEqual({
      configPath: '/flag.json',
      stateDir: '/flag',
    });
    expect(resolveLocations({}, c, env, 'linux')).toEqual({ configPath: '/env/agent.json', stateDir: '/env/state' });
    expect(resolveLocations({}, c, {}, 'linux')).toEqual({ configPath: '/etc/daylight/agent.json', stateDir: '/srv/state' });
  });
});
