import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMessage, HostResponse, MessageReader } from '../../desktop/core/native/protocol.ts';
import { startDesktopEnv, type DesktopEnv } from './desktop-harness.ts';
import { until } from './desktop-x11.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'desktop/core/cli.ts');
const CHROMIUM_ID = 'pdlhgfkjmmnaakkbebcdocbmaaocepjn';
const FIREFOX_ID = 'agent@daylight.example';

/** Speaks to the host as a browser does: start the manifest's `path` with the caller's origin, framed JSON on stdin/stdout. */
async function talk(hostPath: string, requests: Buffer[], args = [`chrome-extension://${CHROMIUM_ID}/`]): Promise<unknown[]> {
  const p = spawn(hostPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const reader = new MessageReader();
  const answers: unknown[] = [];
  p.stdout.on('data', (c: Buffer) => answers.push(...reader.push(c)));
  for (const r of requests) p.stdin.write(r);
  await until(() => answers.length >= requests.length, 30_000);
  p.stdin.end();
  const code = await new Promise((r) => p.once('exit', r));
  expect(code).toBe(0);
  return answers;
}

describe('native messaging host', () => {
  let env: DesktopEnv;
  let home: string;
  let launcher: string;
  let daemon: ChildProcess | undefined;
  beforeAll(async () => {
    env = await startDesktopEnv('pglite');
    env.writeConfig({ extension: { chromiumIds: [CHROMIUM_ID], firefoxIds: [FIREFOX_ID] }, syncIntervalSeconds: 5 });
    home = join(env.dir, 'home');
    mkdirSync(home);
    const out = await new Promise<string>((done, fail) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', CLI, 'install-native-host', '--json', '--config', env.configPath, '--state-dir', env.stateDir],
        { cwd: ROOT, encoding: 'utf8', env: { ...process.env, HOME: home }, timeout: 60_000 },
        (err, stdout, stderr) => (err ? fail(new Error(`${err.message}\n${stderr}`)) : done(stdout)),
      ),
    );
    launcher = (JSON.parse(out) as { launcher: string }).launcher;
  });
  afterAll(async () => {
    daemon?.kill('SIGTERM');
    if (daemon) await new Promise((r) => daemon!.once('exit', r));
    await env?.close();
  });

  it('installs a manifest per browser in its per-user location, naming the extension', () => {
    const manifest = (p: string) => JSON.parse(readFileSync(join(home, p, 'com.daylight.agent.json'), 'utf8')) as Record<string, unknown>;
    for (const dir of [
      '.config/google-chrome/NativeMessagingHosts',
      '.config/chromium/NativeMessagingHosts',
      '.config/microsoft-edge/NativeMessagingHosts',
    ]) {
      expect(manifest(dir)).toEqual({
        name: 'com.daylight.agent',
        description: 'Daylight desktop agent',
        path: launcher,
        type: 'stdio',
        allowed_origins: [`chrome-extension://${CHROMIUM_ID}/`],
      });
    }
    expect(manifest('.mozilla/native-messaging-hosts')).toMatchObject({ path: launcher, allowed_extensions: [FIREFOX_ID] });
    expect(existsSync(launcher)).toBe(true);
  });

  it('answers a ping with the agent health, and a malformed request with an error, over the framed protocol', async () => {
    const answers = await talk(launcher, [
      encodeMessage({ type: 'ping', id: 'p1', extension: { version: '0.1.0', browser: 'chrome' } }),
      encodeMessage({ type: 'launch-missiles' }),
    ]);
    const [pong, error] = answers.map((a) => HostResponse.parse(a));
    expect(pong).toMatchObject({ type: 'pong', id: 'p1', agent: { product: 'Daylight', daemonRunning: false, clipboardGuard: false } });
    expect(error).toMatchObject({ type: 'error' });
    // The agent's side of "each sees the other".
    expect(JSON.parse(readFileSync(join(env.stateDir, 'extension.json'), 'utf8'))).toMatchObject({ version: '0.1.0', browser: 'chrome' });
  });

  it('reports the running daemon, enrolled with the policy version, as Firefox starts the host', async () => {
    const { DISPLAY: _, ...noDisplay } = process.env;
    daemon = spawn(process.execPath, ['--import', 'tsx', CLI, 'run', '--config', env.configPath, '--state-dir', env.stateDir], {
      cwd: ROOT,
      env: { ...noDisplay, HOME: home },
      stdio: 'ignore',
    });
    const ready = await until(
      async () => {
        const [a] = await talk(
          launcher,
          [encodeMessage({ type: 'ping' })],
          [join(home, '.mozilla/native-messaging-hosts/com.daylight.agent.json'), FIREFOX_ID],
        );
        const r = HostResponse.parse(a);
        return r.type === 'pong' && r.agent.daemonRunning && r.agent.enrolled ? r : undefined;
      },
      40_000,
      500,
    );
    expect(ready).toMatchObject({
      agent: { daemonRunning: true, enrolled: true, policyVersion: 1, protection: 'active', clipboardGuard: false },
    });
  });
});
