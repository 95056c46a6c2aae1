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

  it('keeps session cookies Secure unless explicitly on plain-http localhost', () => {
    expect(loadConfig({}).cookieSecure).toBe(true);
    expect(loadConfig({ INSECURE_DEV_COOKIES: 'true', PORT: '8080' }).cookieSecure).toBe(false);
    expect(loadConfig({ INSECURE_DEV_COOKIES: 'true', PUBLIC_URL: 'http://localhost:3000' }).cookieSecure).toBe(false);
    expect(() => loadConfig({ INSECURE_DEV_COOKIES: 'true', PUBLIC_URL: 'https://daylight.example.test' })).toThrow(/INSECURE_DEV_COOKIES/);
    expect(() => loadConfig({ INSECURE_DEV_COOKIES: 'true', PUBLIC_URL: 'http://10.0.0.5:8787' })).toThrow(ConfigError);
    expect(() => loadConfig({ INSECURE_DEV_COOKIES: 'yes' })).toThrow(/INSECURE_DEV_COOKIES/);
  });
});
