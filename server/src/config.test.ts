import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to embedded storage on 127.0.0.1:8787', () => {
    const c = loadConfig({ HOME: '/home/u', XDG_DATA_HOME: '/xdg' });
    expect(c.port).toBe(8787);
    expect(c.host).toBe('127.0.0.1');
    expect(c.storage).toEqual({ kind: 'pglite', dataDir: '/xdg/daylight' });
  });

  it('honours PORT, HOST, DATA_DIR and DATABASE_URL', () => {
    expect(loadConfig({ PORT: '9000', HOST: '0.0.0.0', DATA_DIR: '/d' })).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      storage: { kind: 'pglite', dataDir: '/d' },
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).storage).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
  });

  it('names every bad variable', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(String(err)).toMatch(/PORT/);
    expect(String(err)).toMatch(/DATABASE_URL: must be a postgres/);
  });
});
