/**
 * For the desktop agent's integration tests: a real tenant server listening on a local port, with
 * a pass-through HTTP proxy in front so a test can take the server "offline" (connections reset)
 * or answer `/v1/policy` with a body of its choosing (a man in the middle), and a managed
 * configuration plus state directory in a temp folder.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ManagedConfigInput } from '../../desktop/core/config.ts';
import type { PolicyDocumentInput } from '../../shared/policy/schema.ts';
import { call, newTenant, startApi, type Api, type TestTenant } from './harness/api.ts';
import type { StoreKind } from './harness/stores.ts';

export interface DesktopEnv {
  api: Api;
  tenant: TestTenant;
  /** The server itself. */
  direct: string;
  /** The proxy in front of it: what the agent is configured with. */
  url: string;
  proxy: { mode: 'pass' | 'offline'; policyBody?: string };
  dir: string;
  stateDir: string;
  configPath: string;
  writeConfig(over?: Partial<ManagedConfigInput>): void;
  publish(policy: PolicyDocumentInput): Promise<number>;
  events(): Promise<
    { event_id: string; app: string; surface: string; action: string; decision: string; data_types: unknown; text_length: number | null }[]
  >;
  close(): Promise<void>;
}

function startProxy(target: string, state: DesktopEnv['proxy']): Promise<Server> {
  const t = new URL(target);
  const server = createServer((req, res) => {
    if (state.mode === 'offline') {
      req.socket.destroy();
      return;
    }
    if (state.policyBody !== undefined && req.url === '/v1/policy') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(state.policyBody);
      return;
    }
    const up = request({ host: t.hostname, port: t.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function startDesktopEnv(kind: StoreKind): Promise<DesktopEnv> {
  const api = await startApi(kind);
  const tenant = await newTenant(api);
  const direct = await api.app.listen({ port: 0, host: '127.0.0.1' });
  const proxyState: DesktopEnv['proxy'] = { mode: 'pass' };
  const proxy = await startProxy(direct, proxyState);
  const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), 'dl-desktop-'));
  const env: DesktopEnv = {
    api,
    tenant,
    direct,
    url,
    proxy: proxyState,
    dir,
    stateDir: join(dir, 'state'),
    configPath: join(dir, 'agent.json'),
    writeConfig(over = {}) {
      writeFileSync(env.configPath, JSON.stringify({ serverUrl: url, enrollmentToken: tenant.enrollmentToken, ...over }));
    },
    async publish(policy) {
      const res = await call(api.app, 'POST', '/v1/policies', { token: tenant.tokens.admin, body: { policy } });
      if (res.statusCode !== 201) throw new Error(`publish failed: ${res.statusCode} ${res.body}`);
      return res.json<{ version: number }>().version;
    },
    events: () =>
      api.db.query(
        'SELECT event_id, app, surface, action, decision, data_types, text_length FROM events WHERE tenant_id = $1 ORDER BY at, event_id',
        [tenant.tenantId],
      ),
    async close() {
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(r));
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  env.writeConfig();
  return env;
}
