import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Discovered } from '../../desktop/core/discovery/index.ts';
import { startDesktopEnv, type DesktopEnv } from './desktop-harness.ts';

const ROOT = resolve(import.meta.dirname, '../..');

function discover(env: DesktopEnv): Promise<Discovered[]> {
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'desktop/core/cli.ts'), 'discover', '--json', '--config', env.configPath, '--state-dir', env.stateDir],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
      (err, stdout, stderr) => (err ? fail(new Error(`${err.message}\n${stderr}`)) : done(JSON.parse(stdout) as Discovered[])),
    );
  });
}

describe('AI discovery against the real server', () => {
  let env: DesktopEnv;
  let fake: ChildProcess;
  beforeAll(async () => {
    env = await startDesktopEnv('pglite');
    // A program named like an AI CLI: /bin/sleep under the name `aider`.
    const bin = join(env.dir, 'bin');
    mkdirSync(bin);
    copyFileSync('/bin/sleep', join(bin, 'aider'));
    fake = spawn(join(bin, 'aider'), ['300'], { stdio: 'ignore' });
    await new Promise((r) => fake.once('spawn', r));
  });
  afterAll(async () => {
    fake?.kill();
    await env?.close();
  });

  it('finds a running process named like an AI CLI and reports it once as CLI usage', async () => {
    const found = await discover(env);
    const aider = found.find((d) => d.app === 'aider' && d.kind === 'cli');
    expect(aider, JSON.stringify(found)).toMatchObject({ running: true });
    expect(aider!.pids).toContain(fake.pid);

    const events = (await env.events()).filter((e) => e.app === 'aider');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ surface: 'cli', action: 'visit', decision: 'monitored' });
  });

  it('finds nothing for it once the process is gone', async () => {
    fake.kill();
    await new Promise((r) => fake.once('exit', r));
    const found = await discover(env);
    expect(found.some((d) => d.app === 'aider' && d.running)).toBe(false);
  });
});
