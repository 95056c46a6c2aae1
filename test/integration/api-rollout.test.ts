/**
 * The MDM rollout routes on both stores: options and the rollout enrollment token, file
 * downloads (headers, encodings), the token in the files enrolls a device, the files validate
 * against what the extension and the desktop agent actually parse, and the public extension
 * distribution (update.xml, CRX downloads).
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import * as plist from 'plist';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../server/src/app.ts';
import { KeyRing } from '../../server/src/crypto.ts';
import { packCrx3, parseCrx3, zip } from '../../server/src/mdm/crx.ts';
import { ErrorResponse } from '../../shared/contracts/errors.ts';
import { RolloutInfo } from '../../shared/contracts/rollout.ts';
import { EXTENSION_ID } from '../../shared/extension-key.ts';
import { DeviceConfig } from '../../extension/background/config.ts';
import { parseConfig } from '../../desktop/core/config.ts';
import { call, newTenant, type Api, type TestTenant } from './harness/api.ts';
import { openStore, STORES } from './harness/stores.ts';

// The extension's config module is imported only for its zod schema (what the background parses
// managed storage with); the WebExtension polyfill it pulls in refuses to load outside a browser.
vi.mock('webextension-polyfill', () => ({ default: {} }));

const PUBLIC_URL = 'https://daylight.acme.example';

describe.each(STORES)('rollout on %s', (kind) => {
  let api: Api;
  let t: TestTenant;
  let releases: string;
  let crxId: string;

  beforeAll(async () => {
    releases = mkdtempSync(join(tmpdir(), 'daylight-releases-'));
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const manifest = { name: 'Daylight', version: '0.2.0', manifest_version: 3 };
    const packed = packCrx3(zip([{ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) }]), pem);
    crxId = packed.extensionId;
    writeFileSync(join(releases, 'daylight-0.2.0.crx'), packed.crx);
    writeFileSync(join(releases, 'daylight-0.1.0.crx'), packed.crx);
    writeFileSync(join(releases, 'daylight-0.2.0.xpi'), 'PK-xpi');
    const db = await openStore(kind);
    const keys = KeyRing.random();
    const app = await buildApp({ db, keys, rollout: { publicUrl: PUBLIC_URL, releasesDir: releases } });
    await app.ready();
    api = {
      db,
      app,
      keys,
      async close() {
        await app.close();
        await db.close();
      },
    };
    t = await newTenant(api, 'Rollout Co');
  });
  afterAll(async () => {
    await api?.close();
    rmSync(releases, { recursive: true, force: true });
  });

  it('refuses file downloads until the rollout settings exist, then lists and serves every file', async () => {
    const before = RolloutInfo.parse((await call(api.app, 'GET', '/v1/rollout', { token: t.tokens.admin })).json());
    expect(before.enrollmentToken).toBeNull();
    expect(before.serverUrl).toBe(PUBLIC_URL);
    // The self-hosted default: the newest release's id, fetched from this server's update.xml.
    expect(before.chromium).toEqual({ extensionId: crxId, updateUrl: `${PUBLIC_URL}/extension/update.xml` });
    expect(before.releases.map((r) => r.file)).toEqual(['daylight-0.2.0.crx', 'daylight-0.2.0.xpi', 'daylight-0.1.0.crx']);
    const early = await call(api.app, 'GET', '/v1/rollout/files/chrome-linux.json', { token: t.tokens.admin });
    expect(early.statusCode).toBe(409);
    expect(ErrorResponse.parse(early.json()).error.message).toMatch(/PUT \/v1\/rollout/);

    const put = await call(api.app, 'PUT', '/v1/rollout', { token: t.tokens.admin, body: { options: { disableGuestMode: false } } });
    expect(put.statusCode, put.body).toBe(200);
    const info = RolloutInfo.parse(put.json());
    expect(info.options.disableGuestMode).toBe(false);
    expect(info.enrollmentToken?.revokedAt).toBeNull();
    expect(info.files).toHaveLength(12);
    // The listing never carries the token.
    expect(put.body).not.toMatch(/dle_[A-Za-z0-9_-]{60}/);

    for (const f of info.files) {
      const res = await call(api.app, 'GET', f.downloadUrl, { token: t.tokens.owner });
      expect(res.statusCode, f.name).toBe(200);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${f.name}"`);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(String(res.headers['content-type'])).toContain(f.contentType.split(';')[0]!);
      const bytes = res.rawPayload;
      const text = f.name.endsWith('.reg') ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8');
      if (f.name.endsWith('.reg')) expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
      if (f.name.endsWith('.json')) expect(() => JSON.parse(text) as unknown).not.toThrow();
      if (f.name.endsWith('.mobileconfig')) expect(XMLValidator.validate(text)).toBe(true);
      if (f.target !== 'firefox') expect(text, f.name).toContain(crxId);
      expect(text, f.name).toMatch(/dle_[A-Za-z0-9_-]{65}/);
    }
  });

  it('the downloaded files configure what the extension and the agent really parse, and the token enrolls', async () => {
    const linux = (await call(api.app, 'GET', '/v1/rollout/files/chrome-linux.json', { token: t.tokens.admin })).json<{
      BrowserGuestModeEnabled?: boolean;
      IncognitoModeAvailability?: number;
      '3rdparty': { extensions: Record<string, unknown> };
    }>();
    expect(linux.BrowserGuestModeEnabled).toBeUndefined();
    expect(linux.IncognitoModeAvailability).toBe(1);
    const managed = DeviceConfig.parse(linux['3rdparty'].extensions[crxId]);
    expect(managed.serverUrl).toBe(PUBLIC_URL);

    const mac = plist.parse(
      (await call(api.app, 'GET', '/v1/rollout/files/chrome-macos.mobileconfig', { token: t.tokens.admin })).body,
    ) as {
      PayloadContent: Record<string, unknown>[];
    };
    const macManaged = mac.PayloadContent.find((p) => p['PayloadType'] === `com.google.Chrome.extensions.${crxId}`)!;
    expect(DeviceConfig.parse(Object.fromEntries(Object.entries(macManaged).filter(([k]) => !k.startsWith('Payload'))))).toEqual(managed);

    const agentText = (await call(api.app, 'GET', '/v1/rollout/files/agent.json', { token: t.tokens.admin })).body;
    const agent = parseConfig(agentText, 'agent.json');
    expect(agent.enrollmentToken).toBe(managed.enrollmentToken);
    expect(agent.extension.chromiumIds).toEqual([crxId]);

    // The token from the file is a working enrollment token of this tenant.
    const res = await call(api.app, 'POST', '/v1/enroll', {
      token: managed.enrollmentToken,
      body: { agent: 'extension', agentVersion: '0.1.0', os: 'linux', browser: { name: 'chrome', version: '131.0' } },
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('is audited, rotates the token on request, and refuses files carrying a revoked token', async () => {
    const audit = (await call(api.app, 'GET', '/v1/audit', { token: t.tokens.owner })).json<{ records: { action: string }[] }>();
    expect(audit.records.map((r) => r.action)).toContain('rollout.update');
    const first = RolloutInfo.parse((await call(api.app, 'GET', '/v1/rollout', { token: t.tokens.owner })).json()).enrollmentToken!;
    // Saving options again keeps the token.
    const same = RolloutInfo.parse((await call(api.app, 'PUT', '/v1/rollout', { token: t.tokens.owner, body: {} })).json());
    expect(same.enrollmentToken!.id).toBe(first.id);
    expect(same.options.disableGuestMode).toBe(true);

    expect((await call(api.app, 'DELETE', `/v1/enrollment-tokens/${first.id}`, { token: t.tokens.owner })).statusCode).toBe(200);
    const revoked = await call(api.app, 'GET', '/v1/rollout/files/agent.json', { token: t.tokens.owner });
    expect(revoked.statusCode).toBe(409);
    expect(revoked.json<{ error: { message: string } }>().error.message).toMatch(/rotateToken/);

    const rotated = RolloutInfo.parse(
      (await call(api.app, 'PUT', '/v1/rollout', { token: t.tokens.owner, body: { rotateToken: true } })).json(),
    );
    expect(rotated.enrollmentToken!.id).not.toBe(first.id);
    expect((await call(api.app, 'GET', '/v1/rollout/files/agent.json', { token: t.tokens.owner })).statusCode).toBe(200);
    expect((await call(api.app, 'GET', '/v1/audit/verify', { token: t.tokens.auditor })).json()).toMatchObject({ ok: true });
  });

  it('validates input: bad options, unknown files and names are 4xx with the error shape', async () => {
    for (const body of [
      { options: { developerTools: 'sometimes' } },
      { options: { chromiumExtensionId: 'x' } },
      { bogus: 1 },
      { rotateToken: 'yes' },
    ]) {
      const res = await call(api.app, 'PUT', '/v1/rollout', { token: t.tokens.owner, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      ErrorResponse.parse(res.json());
    }
    for (const raw of ['not json', '{"__proto__": {"x": 1}}', '{"options": {"firefoxInstallUrl": "https://x/\\u0000"}}', '[]']) {
      const res = await call(api.app, 'PUT', '/v1/rollout', {
        token: t.tokens.owner,
        body: raw,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode, raw).toBe(400);
      ErrorResponse.parse(res.json());
    }
    const js = await call(api.app, 'PUT', '/v1/rollout', {
      token: t.tokens.owner,
      body: { options: { firefoxInstallUrl: 'javascript:alert(1)' } },
    });
    expect(js.statusCode).toBe(400);
    const text = await call(api.app, 'PUT', '/v1/rollout', { token: t.tokens.owner, body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(text.statusCode).toBe(415);
    expect((await call(api.app, 'GET', '/v1/rollout/files/nope.json', { token: t.tokens.owner })).statusCode).toBe(404);
    expect((await call(api.app, 'GET', '/v1/rollout/files/..%2Fetc', { token: t.tokens.owner })).statusCode).toBe(400);
    for (const role of ['analyst', 'reviewer', 'auditor'] as const)
      expect((await call(api.app, 'GET', '/v1/rollout/files/agent.json', { token: t.tokens[role] })).statusCode).toBe(403);
  });

  it('serves update.xml with the newest CRX and the release files, publicly', async () => {
    const res = await call(api.app, 'GET', `/extension/update.xml?x=${encodeURIComponent(`id=${crxId}&v=0.0.0.0&uc`)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(res.body) as {
      gupdate: { app: { appid: string; updatecheck: { codebase: string; version: string } } };
    };
    expect(doc.gupdate.app.appid).toBe(crxId);
    expect(doc.gupdate.app.updatecheck).toEqual({ codebase: `${PUBLIC_URL}/extension/daylight-0.2.0.crx`, version: '0.2.0' });

    const crx = await call(api.app, 'GET', '/extension/daylight-0.2.0.crx');
    expect(crx.statusCode).toBe(200);
    expect(crx.headers['content-type']).toBe('application/x-chrome-extension');
    expect(parseCrx3(crx.rawPayload).rsaProofs).toHaveLength(1);
    const xpi = await call(api.app, 'GET', '/extension/daylight-latest.xpi');
    expect(xpi.statusCode).toBe(200);
    expect(xpi.headers['content-type']).toBe('application/x-xpinstall');
    expect(xpi.body).toBe('PK-xpi');
    expect((await call(api.app, 'GET', '/extension/daylight-9.9.9.crx')).statusCode).toBe(404);
    expect((await call(api.app, 'GET', '/extension/..%2Fmaster.key')).statusCode).toBe(400);
    expect((await call(api.app, 'GET', '/extension/daylight-0.2.0.exe')).statusCode).toBe(400);
  });

  it('passes over a damaged newer CRX: update.xml and the rollout page offer the newest good release', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'daylight-releases-bad-'));
    writeFileSync(join(dir, 'daylight-0.2.0.crx'), readFileSync(join(releases, 'daylight-0.2.0.crx')));
    writeFileSync(join(dir, 'daylight-0.3.0.crx'), Buffer.from('Cr24 truncated upload'));
    const app = await buildApp({ db: api.db, keys: api.keys, rollout: { publicUrl: PUBLIC_URL, releasesDir: dir } });
    try {
      const res = await call(app, 'GET', `/extension/update.xml?x=${encodeURIComponent(`id=${crxId}&v=0.0.0.0`)}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`appid="${crxId}"`);
      expect(res.body).toContain(`codebase="${PUBLIC_URL}/extension/daylight-0.2.0.crx"`);
      const info = await call(app, 'GET', '/v1/rollout', { token: t.tokens.owner });
      expect(info.statusCode).toBe(200);
      expect(RolloutInfo.parse(info.json()).chromium.extensionId).toBe(crxId);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without releases, offers the Daylight id and answers update checks with noupdate', async () => {
    const app = await buildApp({ db: api.db, keys: api.keys, rollout: { publicUrl: PUBLIC_URL } });
    try {
      const info = RolloutInfo.parse((await call(app, 'GET', '/v1/rollout', { token: t.tokens.owner })).json());
      expect(info.chromium.extensionId).toBe(EXTENSION_ID);
      const res = await call(app, 'GET', `/extension/update.xml?x=${encodeURIComponent(`id=${EXTENSION_ID}&v=0.0.0.0`)}`);
      expect(res.body).toContain('status="noupdate"');
      expect(res.body).toContain(`appid="${EXTENSION_ID}"`);
      expect((await call(app, 'GET', '/extension/daylight-0.2.0.crx')).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
