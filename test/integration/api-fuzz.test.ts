import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorResponse } from '../../shared/contracts/errors.ts';
import { ScimError } from '../../shared/contracts/scim.ts';
import { defaultPolicy } from '../../shared/policy/schema.ts';
import { ROUTES, type RouteKey } from '../../server/src/auth/roles.ts';
import { call, DEVICE_FACTS, enroll, newTenant, startApi, type Api, type TestTenant } from './harness/api.ts';
import { BROWSER_HEARTBEAT } from './harness/fixtures.ts';
import { STORES } from './harness/stores.ts';

/** A valid body per route: the fuzzer mostly mutates these, so requests get past the outer schema. */
const VALID: Partial<Record<RouteKey, unknown>> = {
  'POST /v1/auth/sign-in': { token: 'dlo_x' },
  'POST /v1/admins': { email: 'someone@example.test', role: 'analyst' },
  'POST /v1/tokens': { name: 'ci', role: 'analyst' },
  'POST /v1/enrollment-tokens': { name: 'laptops', expiresAt: '2031-01-01T00:00:00Z' },
  'POST /v1/policies': { policy: defaultPolicy() },
  'POST /v1/enroll': DEVICE_FACTS,
  'POST /v1/device/heartbeat': BROWSER_HEARTBEAT,
  'POST /v1/siem/destinations': {
    kind: 'webhook',
    name: 'SIEM',
    config: { url: 'https://siem.example.test/hook' },
    secret: { hmacKey: 'k'.repeat(32) },
  },
  'POST /v1/events': {
    events: [
      {
        id: 'fuzz-00000001',
        at: '2025-03-04T10:00:00Z',
        app: 'chatgpt',
        host: 'chatgpt.com',
        surface: 'browser',
        action: 'paste',
        decision: 'warn',
        dataTypes: [{ type: 'email', count: 1 }],
        textLength: 10,
        valueHashes: ['ab'.repeat(32)],
        justification: 'because',
      },
    ],
  },
};

const HOSTILE: unknown[] = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '😀'.repeat(1000),
  'x'.repeat(70_000),
  '__proto__',
  "'; DROP TABLE events; --",
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  -1,
  0,
  -0,
  1.5,
  2 ** 31,
  2 ** 53 + 2,
  1e308,
  -1e308,
  true,
  null,
  [],
  {},
  Array.from({ length: 2000 }, () => 1),
  { __proto__x: 1 },
];

const leaf = fc.oneof(fc.constantFrom(...HOSTILE), fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: 'binary', maxLength: 40 }));

/** Replaces one value somewhere inside `v` (chosen by `path`, numbers taken modulo) with `x`. */
function mutate(v: unknown, path: number[], x: unknown): unknown {
  if (path.length === 0 || v === null || typeof v !== 'object') return x;
  const [head, ...rest] = path as [number, ...number[]];
  if (Array.isArray(v)) {
    if (v.length === 0) return x;
    const i = head % v.length;
    return v.map((e, j) => (j === i ? mutate(e, rest, x) : e));
  }
  const keys = Object.keys(v);
  if (keys.length === 0) return x;
  const k = keys[head % keys.length]!;
  return { ...(v as Record<string, unknown>), [k]: mutate((v as Record<string, unknown>)[k], rest, x) };
}

type Body = { kind: 'json'; value: unknown } | { kind: 'raw'; text: string };
const body = (valid: unknown): fc.Arbitrary<Body> =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .tuple(fc.array(fc.nat(50), { maxLength: 5 }), leaf)
        .map(([p, x]): Body => ({ kind: 'json', value: mutate(valid, p, x) })),
    },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value): Body => ({ kind: 'json', value })) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 8 })).map(([cut, junk]): Body => {
        const text = JSON.stringify(valid);
        return { kind: 'raw', text: text.slice(0, cut % (text.length + 1)) + junk };
      }),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((text): Body => ({ kind: 'raw', text })) },
  );

const RUNS_PER_ROUTE = 250;

/** The error shape a route answers with: SCIM routes speak SCIM's (RFC 7644 3.12), the rest ours. */
function isErrorShape(key: RouteKey, body: unknown): boolean {
  return (ROUTES[key].auth === 'scim' ? ScimError : ErrorResponse).safeParse(body).success;
}

describe.each(STORES)('hostile input on %s', (kind) => {
  let api: Api;
  let t: TestTenant;
  let device: string;
  let scim: string;
  beforeAll(async () => {
    api = await startApi(kind, { rateLimits: { devicePerMinute: 1e9, tenantPerMinute: 1e9 } });
    t = await newTenant(api);
    device = (await enroll(api, t.enrollmentToken)).credential;
    scim = (await call(api.app, 'POST', '/v1/scim-tokens', { token: t.tokens.owner, body: { name: 'idp' } })).json<{ token: string }>()
      .token;
  });
  const tokenFor = (key: RouteKey): string | undefined => {
    const access = ROUTES[key].auth;
    return access === 'device'
      ? device
      : access === 'enrollment'
        ? t.enrollmentToken
        : access === 'scim'
          ? scim
          : access === 'public'
            ? undefined
            : t.tokens.owner;
  };
  afterAll(async () => {
    await api?.close();
  });

  const posts = (Object.keys(ROUTES) as RouteKey[]).filter((k) => k.startsWith('POST '));
  it.each(posts)('%s answers every generated bad body with a JSON 4xx (or 2xx when it happens to be valid), never 5xx', async (key) => {
    const url = key.slice('POST '.length);
    const token = tokenFor(key);
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body(VALID[key] ?? {}), async (b) => {
        const res = await call(api.app, 'POST', url, {
          token,
          body: b.kind === 'json' ? JSON.stringify(b.value) : b.text,
          headers: { 'content-type': 'application/json' },
        });
        seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode >= 500) throw new Error(`${res.statusCode} for ${JSON.stringify(b).slice(0, 300)}: ${res.body}`);
        if (res.statusCode >= 400) expect(isErrorShape(key, res.json()), res.body).toBe(true);
      }),
      { numRuns: RUNS_PER_ROUTE, seed: 20250304 },
    );
    // The generator must actually produce bad input.
    expect([...seen.keys()].some((s) => s >= 400 && s < 500)).toBe(true);
  });

  // Report queries: generated combinations of the real parameter names with valid and hostile values.
  const reportRoutes = (Object.keys(ROUTES) as RouteKey[]).filter((k) => k.startsWith('GET /v1/reports/'));
  const param = fc.tuple(
    fc.constantFrom('from', 'to', 'tz', 'limit', 'format', 'sanctioned', 'after', 'x'),
    fc.oneof(
      fc.constantFrom(
        '2025-03-01',
        '2025-02-29',
        '2024-02-29',
        '1999-12-31',
        '2025-13-01',
        'UTC',
        'Europe/Berlin',
        'Etc/GMT+14',
        'csv',
        'true',
      ),
      fc.constantFrom('10', '0', '-1', '1e3', '1000', '1001', 'NaN', '', '%00', '%ud800', '%E0%A4%A', '..%2F..', "'%20OR%201=1--"),
      fc.string({ unit: 'binary', maxLength: 30 }).map(encodeURIComponent),
    ),
  );
  it.each(reportRoutes)('%s answers generated query strings with 200 or a JSON 400, never 5xx', async (key) => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.array(param, { maxLength: 5 }), async (params) => {
        const qs = params.map(([k, v]) => `${k}=${v}`).join('&');
        const res = await call(api.app, 'GET', `${key.slice(4)}?${qs}`, { token: t.tokens.owner });
        seen.add(res.statusCode);
        expect([200, 400], `?${qs}: ${res.body}`).toContain(res.statusCode);
        if (res.statusCode === 400) expect(ErrorResponse.safeParse(res.json()).success, res.body).toBe(true);
      }),
      { numRuns: 150, seed: 20250305 },
    );
    expect(seen).toContain(400);
  });

  it('GET routes answer hostile query strings and path parameters with 4xx', async () => {
    const q = [
      'after=-1',
      'after=1e400',
      'after=abc',
      'limit=0',
      'limit=99999',
      'after=%00',
      'limit=1&limit=2',
      'x=%ud800',
      'after[]=1',
      'after=00000000-0000-4000-8000-00000000000g',
    ];
    for (const key of (Object.keys(ROUTES) as RouteKey[]).filter((k) => k.startsWith('GET '))) {
      const token = tokenFor(key) ?? t.tokens.owner;
      for (const s of q) {
        const res = await call(api.app, 'GET', `${key.slice(4).replace(':version', '1')}?${s}`, { token });
        expect(res.statusCode, `${key}?${s}: ${res.body}`).toBeLessThan(500);
        if (res.statusCode >= 400) expect(isErrorShape(key, res.json()), res.body).toBe(true);
      }
    }
    // Malformed percent-encoding in the path.
    const badUrl = await call(api.app, 'GET', '/v1/policies/%E0%A4%A', { token: t.tokens.owner });
    expect(badUrl.statusCode).toBe(400);
    expect(ErrorResponse.safeParse(badUrl.json()).success, badUrl.body).toBe(true);
    for (const p of ['%00', '..%2f..%2fetc', 'x'.repeat(5000), '-1', '1e9', '2147483648']) {
      for (const u of [`/v1/tokens/${p}`, `/v1/devices/${p}`, `/v1/enrollment-tokens/${p}`]) {
        const res = await call(api.app, 'DELETE', u, { token: t.tokens.owner });
        expect([400, 414], `${u}: ${res.body}`).toContain(res.statusCode);
        expect(ErrorResponse.safeParse(res.json()).success, res.body).toBe(true);
      }
      const res = await call(api.app, 'GET', `/v1/policies/${p}`, { token: t.tokens.owner });
      expect([400, 404, 414], `${p}: ${res.body}`).toContain(res.statusCode);
      expect(ErrorResponse.safeParse(res.json()).success, res.body).toBe(true);
    }
  });
});
