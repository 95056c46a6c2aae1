import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceCoverageList, DeviceWithCoverage } from '../../shared/contracts/heartbeat.ts';
import { call, DEVICE_FACTS, enroll, newTenant, startApi, type Api, type TestTenant } from './harness/api.ts';
import { BROWSER_HEARTBEAT, DESKTOP_HEARTBEAT } from './harness/fixtures.ts';
import { STORES } from './harness/stores.ts';

describe.each(STORES)('heartbeats and coverage on %s', (kind) => {
  let api: Api;
  let t: TestTenant;
  let ext: { deviceId: string; credential: string };
  let agent: { deviceId: string; credential: string };
  let silent: { deviceId: string; credential: string };
  beforeAll(async () => {
    api = await startApi(kind);
    t = await newTenant(api);
    ext = await enroll(api, t.enrollmentToken);
    agent = await enroll(api, t.enrollmentToken, { ...DEVICE_FACTS, agent: 'desktop', browser: undefined });
    silent = await enroll(api, t.enrollmentToken);
  });
  afterAll(async () => {
    await api?.close();
  });

  const beat = (credential: string, body: unknown) => call(api.app, 'POST', '/v1/device/heartbeat', { token: credential, body });
  const device = async (id: string) =>
    DeviceWithCoverage.parse((await call(api.app, 'GET', `/v1/devices/${id}`, { token: t.tokens.analyst })).json());

  it('stores the newest heartbeat per device and shows coverage on GET /v1/devices/:id', async () => {
    const res = await beat(ext.credential, BROWSER_HEARTBEAT);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ stored: true });
    const d = await device(ext.deviceId);
    expect(d.lastSeenAt).not.toBeNull();
    expect(d.coverage).toMatchObject({
      stale: false,
      surface: 'browser',
      productVersion: '0.1.0',
      policyVersion: 1,
      adapters: { total: 2, unhealthy: [{ id: 'claude' }] },
      queue: { queued: 2, dropped: 0 },
      issues: ['adapter_unhealthy'],
    });

    // A newer heartbeat replaces it; an older one arriving late does not.
    const healthy = { ...BROWSER_HEARTBEAT, at: '2025-03-05T11:00:00Z', extension: { ...BROWSER_HEARTBEAT.extension!, adapters: [] } };
    expect((await beat(ext.credential, healthy)).json()).toMatchObject({ stored: true });
    expect((await beat(ext.credential, BROWSER_HEARTBEAT)).json()).toMatchObject({ stored: false });
    expect((await device(ext.deviceId)).coverage).toMatchObject({ adapters: { total: 0, unhealthy: [] }, issues: [] });
  });

  it('lists every device with browsers without the extension, and flags devices never heard of or quiet for over 24 h', async () => {
    expect((await beat(agent.credential, DESKTOP_HEARTBEAT)).statusCode).toBe(200);
    // Age the browser device's heartbeat past 24 h (server time decides staleness).
    await api.db.query(`UPDATE device_heartbeats SET received_at = now() - interval '25 hours' WHERE tenant_id = $1 AND device_id = $2`, [
      t.tenantId,
      ext.deviceId,
    ]);
    const list = DeviceCoverageList.parse((await call(api.app, 'GET', '/v1/devices', { token: t.tokens.admin })).json());
    const byId = new Map(list.devices.map((d) => [d.id, d.coverage]));
    expect(byId.get(agent.deviceId)).toMatchObject({
      stale: false,
      surface: 'desktop',
      browsers: { covered: [{ name: 'Google Chrome' }], uncovered: [{ name: 'Firefox', extensionInstalled: false }] },
      issues: ['browser_without_extension'],
    });
    expect(byId.get(ext.deviceId)).toMatchObject({ stale: true, issues: ['stale_heartbeat'] });
    expect(byId.get(silent.deviceId)).toMatchObject({ stale: true, lastHeartbeatAt: null, issues: ['no_heartbeat'] });
    expect(list.next).toBeNull();

    // Paging: one device per page, in id order, to the end.
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page = DeviceCoverageList.parse(
        (await call(api.app, 'GET', `/v1/devices?limit=1${after ? `&after=${after}` : ''}`, { token: t.tokens.owner })).json(),
      );
      seen.push(...page.devices.map((d) => d.id));
      after = page.next;
    } while (after);
    expect(seen).toEqual([ext.deviceId, agent.deviceId, silent.deviceId].sort());
  });

  it('refuses bad heartbeats with 400 naming the field, and unknown devices with 404', async () => {
    const noSection = await beat(agent.credential, { ...DESKTOP_HEARTBEAT, agent: undefined });
    expect(noSection.statusCode).toBe(400);
    expect(noSection.json().error.message).toMatch(/agent/);
    const tooMany = {
      ...BROWSER_HEARTBEAT,
      extension: { ...BROWSER_HEARTBEAT.extension!, adapters: Array.from({ length: 129 }, () => BROWSER_HEARTBEAT.extension!.adapters[0]) },
    };
    expect((await beat(ext.credential, tooMany)).statusCode).toBe(400);
    const extra = await beat(ext.credential, { ...BROWSER_HEARTBEAT, hostname: 'x' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.message).toMatch(/hostname|unrecognized/i);
    expect((await beat(ext.credential, { ...BROWSER_HEARTBEAT, at: 'yesterday' })).statusCode).toBe(400);
    expect((await call(api.app, 'GET', '/v1/devices/00000000-0000-4000-8000-000000000000', { token: t.tokens.owner })).statusCode).toBe(
      404,
    );
  });

  it('stops accepting heartbeats from a revoked device', async () => {
    const d = await enroll(api, t.enrollmentToken);
    expect((await call(api.app, 'DELETE', `/v1/devices/${d.deviceId}`, { token: t.tokens.admin })).statusCode).toBe(200);
    expect((await beat(d.credential, BROWSER_HEARTBEAT)).statusCode).toBe(401);
  });
});
