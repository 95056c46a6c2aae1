import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startApi, type Api } from './harness/api.ts';

/** Devices call the API from the extension's service worker: extension origins get CORS, web pages do not. */
describe('CORS for browser extensions', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi('pglite');
  });
  afterAll(async () => {
    await api?.close();
  });

  const preflight = (origin: string) =>
    call(api.app, 'OPTIONS', '/v1/events', {
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });

  it.each(['chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'moz-extension://0b4b5e7e-4f9c-4a57-9c6e-1f2a3b4c5d6e'])(
    'answers the preflight of %s',
    async (origin) => {
      const res = await preflight(origin);
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(String(res.headers['access-control-allow-headers'])).toMatch(/authorization/);
    },
  );

  it('gives web pages no CORS access, so no site can call the API from a browser', async () => {
    for (const origin of ['https://chatgpt.com', 'http://127.0.0.1:3000', 'chrome-extension://x/../evil']) {
      const res = await preflight(origin);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('exposes the ETag to the extension for cheap policy polling', async () => {
    const res = await call(api.app, 'GET', '/healthz', { headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' } });
    expect(res.headers['access-control-expose-headers']).toMatch(/etag/);
  });
});
