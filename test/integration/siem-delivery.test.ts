import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientEvent } from '../../shared/contracts/events.ts';
import { call, enroll, newTenant, startApi, type Api, type TestTenant } from './harness/api.ts';
import { HecReceiver, makeCert, SentinelReceiver, SyslogReceiver, WebhookReceiver } from './harness/siem-receivers.ts';
import { STORES } from './harness/stores.ts';

const TLS = makeCert();
const HEC_TOKEN = '8d6f1c2a-7a51-4e55-9c2e-1f7b3c9a0e11';
const HMAC_KEY = 'whsec_0123456789abcdef0123456789abcdef';

let n = 0;
function event(over: Partial<ClientEvent> = {}): ClientEvent {
  return {
    id: `siem_${(++n).toString().padStart(8, '0')}`,
    at: '2025-03-04T10:00:00.000Z',
    app: 'chatgpt',
    host: 'chatgpt.com',
    surface: 'browser',
    action: 'paste',
    decision: 'warn',
    dataTypes: [{ type: 'email', count: 2 }],
    textLength: 120,
    valueHashes: ['ab'.repeat(32)],
    justification: 'a reason = with | pipes \\ and\nnewline',
    ...over,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(STORES)('SIEM delivery on %s', (kind) => {
  let api: Api;
  let t: TestTenant;
  let device: { deviceId: string; credential: string };
  const hec = new HecReceiver(TLS, HEC_TOKEN);
  const hecAck = new HecReceiver(TLS, HEC_TOKEN, true);
  const sentinel = new SentinelReceiver(TLS);
  const webhook = new WebhookReceiver(TLS, HMAC_KEY);
  const syslogTls = new SyslogReceiver(TLS);
  const syslogTcp = new SyslogReceiver();
  const receivers = { hec, hecAck, sentinel, webhook, syslogTls, syslogTcp };
  const dest: Record<keyof typeof receivers, string> = {} as never;

  /** Runs the worker until `done` holds (or gives up after ~200 passes). */
  async function drain(done: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !done(); i++) {
      await api.app.siemWorker.runOnce();
      if (!done()) await sleep(10);
    }
  }

  async function send(events: ClientEvent[]): Promise<string[]> {
    const res = await call(api.app, 'POST', '/v1/events', { token: device.credential, body: { events } });
    expect(res.statusCode, res.body).toBe(200);
    return events.map((e) => `${device.deviceId}:${e.id}`);
  }

  const create = async (body: unknown) => {
    const res = await call(api.app, 'POST', '/v1/siem/destinations', { token: t.tokens.admin, body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };

  beforeAll(async () => {
    api = await startApi(kind, {
      siem: {
        start: false,
        worker: {
          hostname: 'daylight-test',
          baseDelayMs: 1,
          maxDelayMs: 5,
          maxAttempts: 4,
          ackTimeoutMs: 300,
          ackPollMs: 20,
          batchSize: 50,
        },
      },
    });
    t = await newTenant(api);
    device = await enroll(api, t.enrollmentToken);
    for (const r of Object.values(receivers)) await r.start();
    dest.hec = await create({
      kind: 'splunk_hec',
      name: 'Splunk',
      config: { url: `https://127.0.0.1:${hec.port}`, index: 'daylight', caPem: TLS.cert },
      secret: { token: HEC_TOKEN },
    });
    dest.hecAck = await create({
      kind: 'splunk_hec',
      name: 'Splunk with ack',
      config: { url: `https://127.0.0.1:${hecAck.port}/`, useAck: true, caPem: TLS.cert },
      secret: { token: HEC_TOKEN },
    });
    dest.sentinel = await create({
      kind: 'sentinel',
      name: 'Sentinel',
      config: {
        endpoint: `https://127.0.0.1:${sentinel.port}`,
        dcrImmutableId: sentinel.dcr,
        streamName: sentinel.stream,
        directoryId: sentinel.directoryId,
        clientId: sentinel.clientId,
        authorityHost: `https://127.0.0.1:${sentinel.port}`,
        caPem: TLS.cert,
      },
      secret: { clientSecret: sentinel.clientSecret },
    });
    dest.webhook = await create({
      kind: 'webhook',
      name: 'Webhook',
      config: { url: `https://127.0.0.1:${webhook.port}/hook`, caPem: TLS.cert },
      secret: { hmacKey: HMAC_KEY },
    });
    dest.syslogTls = await create({
      kind: 'syslog',
      name: 'Syslog TLS',
      config: { host: '127.0.0.1', port: syslogTls.port, tls: true, caPem: TLS.cert },
    });
    dest.syslogTcp = await create({
      kind: 'syslog',
      name: 'Syslog TCP',
      config: { host: '127.0.0.1', port: syslogTcp.port, tls: false, facility: 13 },
    });
  });
  afterAll(async () => {
    await api?.close();
    for (const r of Object.values(receivers)) await r.stop().catch(() => {});
  });

  it('delivers events, audit records and their ids to every destination in its documented format', async () => {
    const ids = await send([
      event(),
      event({ action: 'visit', decision: 'allow', dataTypes: [], textLength: undefined, valueHashes: undefined, justification: undefined }),
      event({
        action: 'upload',
        decision: 'block',
        dataTypes: [
          { type: 'credit_card', count: 1 },
          { type: 'iban', count: 3 },
        ],
      }),
    ]);
    await drain(() => Object.values(receivers).every((r) => ids.every((id) => r.ids().includes(id))));
    for (const [name, r] of Object.entries(receivers)) {
      expect(r.problems, name).toEqual([]);
      for (const id of ids)
        expect(
          r.ids().filter((x) => x === id),
          `${name} ${id}`,
        ).toHaveLength(1);
    }
    // OCSF classes: findings for data, web resources activity for a visit.
    const byId = new Map(hec.records.map((r) => [r.id, r.ocsf]));
    expect(byId.get(ids[0]!)).toMatchObject({ class_uid: 2006, class_name: 'Data Security Finding', type_uid: 200601, disposition_id: 19 });
    expect(byId.get(ids[1]!)).toMatchObject({ class_uid: 6001, activity_id: 2, actor: { user: { uid: 'alex.doe@example.test' } } });
    expect(byId.get(ids[2]!)).toMatchObject({
      class_uid: 2006,
      action_id: 2,
      disposition_id: 2,
      finding_info: { types: ['credit_card', 'iban'] },
    });
    // HEC envelope fields.
    const raw = hec.records.find((r) => r.id === ids[0])!.raw as Record<string, unknown>;
    expect(raw).toMatchObject({
      host: 'daylight-test',
      source: 'daylight',
      sourcetype: 'daylight:ocsf',
      index: 'daylight',
      time: Date.parse('2025-03-04T10:00:00Z') / 1000,
    });
    // Nothing a user typed, no value hash, leaves the server.
    for (const r of [...hec.records, ...sentinel.records, ...webhook.records]) {
      expect(JSON.stringify(r.raw)).not.toContain('a reason');
      expect(JSON.stringify(r.raw)).not.toContain('ab'.repeat(32));
    }
    // The admin's destination changes were exported as audit records (API Activity).
    const audits = hec.records.filter((r) => r.id.startsWith('audit:'));
    expect(audits.length).toBeGreaterThan(0);
    expect(audits[0]!.ocsf).toMatchObject({ class_uid: 6003, api: { operation: 'siem_destination.create' } });
    // Syslog: RFC 5424 header, facility, SD id, strict CEF.
    const msg = syslogTcp.messages.find((m) => m.sd['daylight@32473']?.id === ids[2])!;
    expect(msg).toMatchObject({ pri: 13 * 8 + 4, hostname: 'daylight-test', appName: 'daylight', msgId: 'event' });
    expect(msg.cef).toMatchObject({ vendor: 'Daylight', signatureId: 'data:upload', severity: '6' });
    expect(msg.cef.extension).toMatchObject({
      externalId: ids[2],
      act: 'block',
      suser: 'alex.doe@example.test',
      cs2: 'credit_card:1,iban:3',
      cn1: '2006',
    });
    expect(syslogTls.messages.find((m) => m.sd['daylight@32473']?.id === ids[2])!.pri).toBe(16 * 8 + 4);
    // Webhook: one idempotency key per batch; Sentinel: one token for all batches.
    expect(webhook.idempotencyKeys.length).toBeGreaterThan(0);
    expect(sentinel.tokensIssued).toBe(1);
    // Status: delivered, no lag.
    const list = (await call(api.app, 'GET', '/v1/siem/destinations', { token: t.tokens.auditor })).json<{
      destinations: { id: string; status: { delivered: number; lagSeconds: number; oldestUndeliveredAt: string | null } }[];
    }>();
    expect(list.destinations).toHaveLength(6);
    for (const d of list.destinations) {
      expect(d.status.delivered).toBeGreaterThanOrEqual(3);
      expect(d.status.oldestUndeliveredAt).toBeNull();
    }
  });

  it('a destination that is down and comes back gets every event; resends carry the same ids', async () => {
    hec.down = true;
    sentinel.down = true;
    webhook.status = 503;
    await syslogTcp.stop();
    hecAck.indexedButUnacked = 1; // the first batch is indexed but never acknowledged: resent, so duplicates with the same id
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(...(await send(Array.from({ length: 40 }, () => event({ at: '2025-03-04T11:00:00.000Z' })))));
    // Three passes while down: attempts 1..3 of maxAttempts 4, nothing lost, lag visible.
    for (let i = 0; i < 3; i++) {
      await api.app.siemWorker.runOnce();
      await sleep(10);
    }
    const status = (await call(api.app, 'GET', `/v1/siem/destinations/${dest.hec}`, { token: t.tokens.admin })).json<{
      status: { failures: number; lagSeconds: number; oldestUndeliveredAt: string | null; lastError: string; deadLettered: number };
    }>().status;
    expect(status.failures).toBeGreaterThanOrEqual(1);
    expect(status.oldestUndeliveredAt).not.toBeNull();
    expect(status.lastError).toContain('code 9');
    expect(status.deadLettered).toBe(0);

    hec.down = false;
    sentinel.down = false;
    webhook.status = 200;
    await syslogTcp.start();
    await drain(() => Object.values(receivers).every((r) => ids.every((id) => r.ids().includes(id))));
    for (const [name, r] of Object.entries(receivers)) {
      expect(r.problems, name).toEqual([]);
      const got = r.ids();
      for (const id of ids) expect(got, `${name} lost ${id}`).toContain(id);
      // Every received id is a real record id (duplicates, if any, repeat an id).
      for (const id of got) expect(id).toMatch(/^([0-9a-f-]{36}:siem_\d{8}|audit:\d+|alert:[0-9a-f-]{36})$/);
    }
    const dupes = hecAck.ids().filter((id, i, a) => a.indexOf(id) !== i);
    expect(dupes.length, 'the unacknowledged batch was sent again').toBeGreaterThan(0);
    for (const id of dupes) expect(ids).toContain(id);
  });

  it('gives up after the attempts (dead letters), lists them, and delivers them when requeued', async () => {
    webhook.status = 503;
    const ids = await send([event(), event()]);
    for (let i = 0; i < 8; i++) {
      await api.app.siemWorker.runOnce();
      await sleep(10);
    }
    const page = (await call(api.app, 'GET', `/v1/siem/destinations/${dest.webhook}/dead-letters`, { token: t.tokens.auditor })).json<{
      deadLetters: { id: string; attempts: number; error: string; seq: number }[];
    }>();
    for (const id of ids) expect(page.deadLetters.map((d) => d.id)).toContain(id);
    expect(page.deadLetters[0]).toMatchObject({ attempts: 4, error: expect.stringContaining('HTTP 503') });
    expect(webhook.ids()).not.toContain(ids[0]);
    // Other destinations were not held up.
    await drain(() => ids.every((id) => hec.ids().includes(id)));
    expect(hec.ids()).toEqual(expect.arrayContaining(ids));

    webhook.status = 200;
    const rq = await call(api.app, 'POST', `/v1/siem/destinations/${dest.webhook}/requeue`, { token: t.tokens.admin, body: {} });
    expect(rq.json()).toEqual({ requeued: page.deadLetters.length });
    await drain(() => ids.every((id) => webhook.ids().includes(id)));
    expect(webhook.ids()).toEqual(expect.arrayContaining(ids));
    const after = (await call(api.app, 'GET', `/v1/siem/destinations/${dest.webhook}/dead-letters`, { token: t.tokens.admin })).json<{
      deadLetters: unknown[];
    }>();
    expect(after.deadLetters).toEqual([]);
  });

  it('sends data the destination refuses as malformed to dead letters at once (HEC code 6)', async () => {
    hec.refuseData = true;
    const ids = await send([event()]);
    await api.app.siemWorker.runOnce();
    await drain(() => ids.every((id) => webhook.ids().includes(id)));
    const dl = (await call(api.app, 'GET', `/v1/siem/destinations/${dest.hec}/dead-letters`, { token: t.tokens.admin })).json<{
      deadLetters: { id: string; attempts: number; error: string }[];
    }>();
    expect(dl.deadLetters.find((d) => d.id === ids[0])).toMatchObject({ attempts: 1, error: expect.stringContaining('code 6') });
    hec.refuseData = false;
  });

  it('tests a destination on request, never shows secrets, and audits every change', async () => {
    const tested = await call(api.app, 'POST', `/v1/siem/destinations/${dest.sentinel}/test`, { token: t.tokens.admin });
    expect(tested.json()).toMatchObject({ ok: true, error: null });
    expect(sentinel.ids()).toContain(tested.json<{ id: string }>().id);
    webhook.status = 503;
    const bad = await call(api.app, 'POST', `/v1/siem/destinations/${dest.webhook}/test`, { token: t.tokens.admin });
    expect(bad.json()).toMatchObject({ ok: false, error: expect.stringContaining('HTTP 503') });
    webhook.status = 200;

    const patched = await call(api.app, 'PATCH', `/v1/siem/destinations/${dest.hec}`, {
      token: t.tokens.owner,
      body: { name: 'Splunk prod', secret: { token: 'rotated-token-123' } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Splunk prod', hasSecret: true });
    const invalid = await call(api.app, 'PATCH', `/v1/siem/destinations/${dest.hec}`, {
      token: t.tokens.owner,
      body: { config: { url: 'http://plain' } },
    });
    expect(invalid.statusCode).toBe(400);
    const wrongSecret = await call(api.app, 'PATCH', `/v1/siem/destinations/${dest.syslogTcp}`, {
      token: t.tokens.owner,
      body: { secret: { token: 'x' } },
    });
    expect(wrongSecret.statusCode).toBe(400);
    const badCreate = await call(api.app, 'POST', '/v1/siem/destinations', {
      token: t.tokens.owner,
      body: {
        kind: 'sentinel',
        name: 'x',
        config: { endpoint: 'https://x.example', dcrImmutableId: 'nope' },
        secret: { clientSecret: 'abcdefgh1' },
      },
    });
    expect(badCreate.statusCode).toBe(400);

    for (const url of ['/v1/siem/destinations', ...Object.values(dest).map((id) => `/v1/siem/destinations/${id}`)]) {
      const body = (await call(api.app, 'GET', url, { token: t.tokens.owner })).body;
      for (const s of [HEC_TOKEN, 'rotated-token-123', sentinel.clientSecret, HMAC_KEY]) expect(body).not.toContain(s);
      expect(body).not.toMatch(/secret_sealed|v1\.[\w-]{16}\./);
    }
    const [row] = await api.db.query<{ secret_sealed: string }>(
      'SELECT secret_sealed FROM siem_destinations WHERE tenant_id = $1 AND destination_id = $2',
      [t.tenantId, dest.webhook],
    );
    expect(row!.secret_sealed).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(row!.secret_sealed).not.toContain(HMAC_KEY);

    const deleted = await call(api.app, 'DELETE', `/v1/siem/destinations/${dest.hecAck}`, { token: t.tokens.admin });
    expect(deleted.statusCode).toBe(200);
    expect((await call(api.app, 'GET', `/v1/siem/destinations/${dest.hecAck}`, { token: t.tokens.admin })).statusCode).toBe(404);

    const audit = (await call(api.app, 'GET', '/v1/audit?limit=1000', { token: t.tokens.auditor })).json<{
      records: { action: string; details: unknown }[];
    }>();
    const actions = audit.records.map((r) => r.action);
    for (const a of [
      'siem_destination.create',
      'siem_destination.update',
      'siem_destination.test',
      'siem_destination.requeue',
      'siem_destination.delete',
    ])
      expect(actions).toContain(a);
    expect(JSON.stringify(audit)).not.toContain('rotated-token-123');
    expect((await call(api.app, 'GET', '/v1/audit/verify', { token: t.tokens.auditor })).json()).toMatchObject({ ok: true });
  });
});
