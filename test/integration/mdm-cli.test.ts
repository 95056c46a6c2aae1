/**
 * `npm run mdm`: generating from the store (a tenant's saved rollout settings), from explicit
 * values, packaging a CRX, and the errors a mistyped command gets.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGenerate, runKeygen, runPackage, UsageError } from '../../server/src/cli/mdm.ts';
import { parseCrx3 } from '../../server/src/mdm/crx.ts';
import { parseConfig } from '../../desktop/core/config.ts';
import { call, newTenant, startApi, type Api, type TestTenant } from './harness/api.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TOKEN = `dle_${'A'.repeat(22)}${'c'.repeat(43)}`;

describe('npm run mdm', () => {
  let api: Api;
  let t: TestTenant;
  let work: string;
  beforeAll(async () => {
    api = await startApi('pglite');
    t = await newTenant(api, 'CLI Co');
    work = mkdtempSync(join(tmpdir(), 'daylight-mdm-cli-'));
  });
  afterAll(async () => {
    await api?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const store = () => Promise.resolve({ db: api.db, keys: api.keys });

  it('generates from the store: the tenant rollout token and options, files mode 0600, per platform', async () => {
    const noToken = runGenerate(['--out', join(work, 'x'), '--tenant', t.tenantId], () => undefined, store);
    await expect(noToken).rejects.toThrow(/no rollout enrollment token/);

    const put = await call(api.app, 'PUT', '/v1/rollout', { token: t.tokens.owner, body: { options: { developerTools: 'blocked' } } });
    expect(put.statusCode).toBe(200);
    const out = join(work, 'mac');
    const lines: string[] = [];
    expect(
      await runGenerate(
        ['--out', out, '--tenant', t.tenantId, '--platform', 'macos', '--server-url', 'https://d.example'],
        (l) => lines.push(l),
        store,
      ),
    ).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'agent.json',
      'chrome-macos.mobileconfig',
      'edge-macos.mobileconfig',
      'firefox-macos.mobileconfig',
      'firefox-policies.json',
      'google-admin.md',
    ]);
    for (const f of readdirSync(out)) expect(statSync(join(out, f)).mode & 0o777, f).toBe(0o600);
    const agent = parseConfig(readFileSync(join(out, 'agent.json'), 'utf8'), 'agent.json');
    // The same token the API hands out.
    const viaApi = (await call(api.app, 'GET', '/v1/rollout/files/agent.json', { token: t.tokens.owner })).json<{
      enrollmentToken: string;
    }>();
    expect(agent.enrollmentToken).toBe(viaApi.enrollmentToken);
    expect(agent.serverUrl).toBe('https://d.example');
    expect(readFileSync(join(out, 'chrome-macos.mobileconfig'), 'utf8')).toContain(
      '<key>DeveloperToolsAvailability</key>\n      <integer>2</integer>',
    );
    expect(lines.at(-1)).toMatch(/6 file\(s\) for CLI Co/);
  });

  it('generates from explicit values and packages a CRX; refuses bad arguments with a clear message', async () => {
    const out = join(work, 'explicit');
    expect(
      await runGenerate(
        ['--out', out, '--server-url', 'https://d.example/', '--enrollment-token', TOKEN, '--platform', 'linux'],
        () => undefined,
      ),
    ).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'chrome-linux.json'), 'utf8'))).toMatchObject({
      '3rdparty': { extensions: expect.any(Object) as unknown },
    });
    expect(readFileSync(join(out, 'chrome-linux.json'), 'utf8')).toContain('"serverUrl": "https://d.example"');
    await expect(runGenerate(['--out', out, '--enrollment-token', TOKEN], () => undefined)).rejects.toThrow(/needs --server-url/);
    await expect(runGenerate(['--out', out, '--server-url', 'ftp://x', '--enrollment-token', TOKEN], () => undefined)).rejects.toThrow(
      UsageError,
    );
    await expect(
      runGenerate(
        ['--out', out, '--server-url', 'https://x', '--enrollment-token', TOKEN, '--options', '{"developerTools":1}'],
        () => undefined,
      ),
    ).rejects.toThrow(/--options: developerTools/);
    await expect(
      runGenerate(['--out', out, '--platform', 'beos', '--server-url', 'https://x', '--enrollment-token', TOKEN], () => undefined),
    ).rejects.toThrow(/--platform/);

    const key = join(work, 'key.pem');
    expect(runKeygen(['--out', key], () => undefined)).toBe(0);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(() => runKeygen(['--out', key], () => undefined)).toThrow(/refusing to overwrite/);
    const ext = join(work, 'ext');
    mkdirSync(ext);
    writeFileSync(join(ext, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'D', version: '1.4.2' }));
    const releases = join(work, 'releases');
    expect(runPackage(['--key', key, '--dir', ext, '--out', releases], () => undefined)).toBe(0);
    expect(parseCrx3(readFileSync(join(releases, 'daylight-1.4.2.crx'))).rsaProofs).toHaveLength(1);
    expect(() => runPackage(['--key', join(work, 'nope.pem'), '--dir', ext, '--out', releases], () => undefined)).toThrow(
      /--key: cannot read/,
    );
    expect(() => runPackage(['--key', key, '--dir', work, '--out', releases], () => undefined)).toThrow(/no manifest.json/);
  });

  it('the command exits 1 with the reason on stderr for bad input, 0 when it wrote the files', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/mdm.ts', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, LOG_LEVEL: 'silent' },
      });
    const bad = run('--out', join(work, 'y'), '--bogus');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/mdm: Unknown option '--bogus'/);
    const badToken = run('--out', join(work, 'y'), '--server-url', 'https://x', '--enrollment-token', 'nope');
    expect(badToken.status).toBe(1);
    expect(badToken.stderr).toMatch(/--enrollment-token: an enrollment token/);
    const ok = run('--out', join(work, 'z'), '--server-url', 'https://x', '--enrollment-token', TOKEN);
    expect(ok.status, ok.stderr).toBe(0);
    expect(readdirSync(join(work, 'z'))).toHaveLength(12);
  });
});
