import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type RouteKey } from '../../server/src/auth/roles.ts';
import { startApi, type Api } from './harness/api.ts';
import { STORES } from './harness/stores.ts';

interface OpenApi {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> };
        security?: unknown[];
        responses: Record<string, unknown>;
      }
    >
  >;
}

describe.each(STORES)('OpenAPI on %s', (kind) => {
  let api: Api;
  let base: string;
  beforeAll(async () => {
    api = await startApi(kind);
    base = await api.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('documents every route of roles.ts from the zod schemas', async () => {
    const res = await fetch(`${base}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as OpenApi;
    expect(doc.openapi).toBe('3.1.0');
    for (const key of Object.keys(ROUTES) as RouteKey[]) {
      if (key === 'GET /openapi.json') continue;
      const [method, path] = key.split(' ') as [string, string];
      const oaPath = path.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[oaPath]?.[method.toLowerCase()];
      expect(op, key).toBeDefined();
      if (ROUTES[key].auth !== 'public') expect(op!.security, key).toEqual([{ bearer: [] }]);
    }
    const events = doc.paths['/v1/events']!.post!.requestBody!.content['application/json']!.schema;
    expect(events.required).toEqual(['events']);
    expect(JSON.stringify(events)).toContain('valueHashes');
    expect(Object.keys(doc.paths['/v1/events']!.post!.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '413', '429']),
    );
    const policy = JSON.stringify(doc.paths['/v1/policies']!.post!.requestBody);
    expect(policy).toContain('pseudonymizeUsers');
    expect(policy).toContain('edm');
  });

  it('serves the docs page', async () => {
    const res = await fetch(`${base}/docs/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toMatch(/swagger/i);
  });
});
