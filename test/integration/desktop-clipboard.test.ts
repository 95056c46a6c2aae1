import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyDocumentInput } from '../../shared/policy/schema.ts';
import { startDesktopEnv, type DesktopEnv } from './desktop-harness.ts';
import { copy, openWindow, readClipboard, sleep, startXvfb, until, type Display } from './desktop-x11.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const KEY = 'AKIA2E7AKF3BZ44CQ7W6';
const SECRET = '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';
const CREDENTIALS = `aws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`;

const POLICY: PolicyDocumentInput = {
  schemaVersion: 1,
  name: 'Clipboard test',
  data: {
    rules: [
      { types: ['aws_access_key', 'aws_secret_key'], action: 'redact' },
      { types: ['credit_card'], action: 'block' },
    ],
  },
};

describe('clipboard guard under Xvfb against the real server', () => {
  let env: DesktopEnv;
  let x: Display;
  let daemon: ChildProcess;
  let log = '';
  const windows: ChildProcess[] = [];

  beforeAll(async () => {
    x = await startXvfb();
    env = await startDesktopEnv('pglite');
    const version = await env.publish(POLICY);
    env.writeConfig({ syncIntervalSeconds: 5, clipboard: { pollMs: 200 } });
    daemon = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'desktop/core/cli.ts'), 'run', '--config', env.configPath, '--state-dir', env.stateDir],
      {
        cwd: ROOT,
        env: x.env,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    daemon.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
    const synced = await until(() => {
      try {
        return (
          (JSON.parse(readFileSync(join(env.stateDir, 'policy.json'), 'utf8')) as { signed: { version: number } }).signed.version ===
          version
        );
      } catch {
        return false;
      }
    }, 30_000);
    expect(synced, log).toBe(true);
    expect(log).toContain('clipboard guard on (x11');
  });

  afterAll(async () => {
    for (const w of windows) w.kill();
    daemon?.kill('SIGTERM');
    if (daemon) await new Promise((r) => daemon.once('exit', r));
    await env?.close();
    x?.stop();
  });

  const clipboardEvents = async () => (await env.events()).filter((e) => e.surface === 'desktop' && e.action === 'clipboard');

  it('leaves the clipboard alone while no AI app is in front', async () => {
    windows.push(await openWindow(x, 'Notes', 'Notes'));
    await copy(x, CREDENTIALS);
    await sleep(1_500);
    expect(await readClipboard(x)).toBe(CREDENTIALS);
    expect(log).not.toContain('AI app in front');
  });

  it('redacts an AWS key on the clipboard once a ChatGPT window is in front, and reports it', async () => {
    windows.push(await openWindow(x, 'ChatGPT', 'ChatGPT'));
    const redacted = await until(async () => {
      const t = await readClipboard(x);
      return t !== CREDENTIALS && t;
    });
    expect(redacted, log).toBe('aws_access_key_id = [AWS_ACCESS_KEY_1]\naws_secret_access_key = [AWS_SECRET_KEY_1]\n');
    expect(redacted).not.toContain(KEY);
    expect(log).toContain('AI app in front: ChatGPT');

    const events = await until(async () => {
      const e = await clipboardEvents();
      return e.length ? e : undefined;
    }, 20_000);
    expect(events, log).toHaveLength(1);
    expect(events![0]).toMatchObject({
      app: 'chatgpt',
      surface: 'desktop',
      action: 'clipboard',
      decision: 'redact',
      text_length: CREDENTIALS.length,
    });
    const types = (events![0]!.data_types as { type: string; count: number }[]).map((t) => `${t.type}:${t.count}`).sort();
    expect(types).toEqual(['aws_access_key:1', 'aws_secret_key:1']);
    // The stored event holds neither the key nor the secret.
    const [row] = await env.api.db.query<{ j: string }>('SELECT row_to_json(e)::text AS j FROM events e WHERE event_id = $1', [
      events![0]!.event_id,
    ]);
    expect(row!.j).not.toContain(KEY);
    expect(row!.j).not.toContain(SECRET);
  });

  it('changes nothing and reports nothing for a benign copy', async () => {
    const benign = 'Lunch at noon? The deploy went fine.';
    await copy(x, benign);
    await sleep(2_500);
    expect(await readClipboard(x)).toBe(benign);
    expect(await clipboardEvents()).toHaveLength(1);
  });

  it('clears the clipboard when the policy blocks what is on it', async () => {
    await copy(x, 'Card 4111 1111 1111 1111 exp 12/29');
    expect(await until(async () => (await readClipboard(x)) === '')).toBe(true);
    const events = await until(async () => {
      const e = await clipboardEvents();
      return e.length === 2 ? e : undefined;
    }, 20_000);
    expect(events?.map((e) => e.decision).sort()).toEqual(['block', 'redact']);
  });
});
