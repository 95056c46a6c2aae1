import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverLinux, toAgentApps } from './index.ts';
import { execProgram, listeningPorts, listProcesses, parseDesktopEntry, parseProcNetTcp, socketOwners, type LinuxRoots } from './linux.ts';

const TCP_HEADER = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const tcpLine = (n: number, addr: string, port: number, st: string, inode: number) =>
  `   ${n}: ${addr}:${port.toString(16).toUpperCase().padStart(4, '0')} 00000000:0000 ${st} 00000000:00000000 00:00000000 00000000  1000        0 ${inode} 1 0000000000000000 100 0 0 10 0\n`;

describe('Linux discovery facts', () => {
  it('parses listening sockets from net/tcp and net/tcp6, skipping other states', () => {
    const v4 =
      TCP_HEADER +
      tcpLine(0, '0100007F', 11434, '0A', 111) +
      tcpLine(1, '00000000', 22, '0A', 112) +
      tcpLine(2, '0100007F', 5000, '01', 113);
    expect(parseProcNetTcp(v4, false)).toEqual([
      { port: 11434, inode: 111, loopback: true },
      { port: 22, inode: 112, loopback: false },
    ]);
    const v6 = TCP_HEADER + tcpLine(0, '00000000000000000000000001000000', 1234, '0A', 221);
    expect(parseProcNetTcp(v6, true)).toEqual([{ port: 1234, inode: 221, loopback: true }]);
  });

  it('reads desktop entries and the program they start', () => {
    const e = parseDesktopEntry(
      'cursor',
      '[Desktop Entry]\nName=Cursor\nExec=/opt/Cursor/cursor %F\nStartupWMClass=Cursor\n[Desktop Action new]\nName=New Window\n',
    );
    expect(e).toEqual({ id: 'cursor', name: 'Cursor', exec: '/opt/Cursor/cursor %F', wmClass: 'Cursor' });
    expect(execProgram('env GDK_BACKEND=x11 "/opt/LM Studio/lm-studio" --no-sandbox')).toBe('/opt/LM Studio/lm-studio');
  });

  it('finds this process listening on a real port through the real /proc', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      const mine = listeningPorts('/proc').filter((l) => l.port === port);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.loopback).toBe(true);
      const owners = socketOwners('/proc', new Set([mine[0]!.inode]), listProcesses('/proc'));
      expect(owners.get(mine[0]!.inode)?.pid).toBe(process.pid);
    } finally {
      server.close();
    }
  });
});

describe('discoverLinux on a fixture machine', () => {
  let dir: string;
  let roots: LinuxRoots;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dl-discovery-'));
    const proc = join(dir, 'proc');
    const proc1 = (pid: number, comm: string, argv: string[], sockets: number[] = []) => {
      mkdirSync(join(proc, String(pid), 'fd'), { recursive: true });
      writeFileSync(join(proc, String(pid), 'comm'), `${comm}\n`);
      writeFileSync(join(proc, String(pid), 'cmdline'), argv.join('\0') + '\0');
      sockets.forEach((inode, i) => symlinkSync(`socket:[${inode}]`, join(proc, String(pid), 'fd', String(10 + i))));
    };
    proc1(100, 'bash', ['-bash']);
    proc1(101, 'node', ['node', '/home/u/.npm-global/bin/codex', 'exec']);
    proc1(102, 'lms', ['/home/u/.lmstudio/bin/lms', 'server', 'start'], [5001]);
    proc1(103, 'nginx', ['nginx: worker process'], [5002]);
    mkdirSync(join(proc, 'net'));
    writeFileSync(
      join(proc, 'net/tcp'),
      TCP_HEADER +
        tcpLine(0, '0100007F', 11434, '0A', 5000) +
        tcpLine(1, '0100007F', 1234, '0A', 5001) +
        tcpLine(2, '00000000', 8080, '0A', 5002),
    );
    const share = join(dir, 'share');
    mkdirSync(join(share, 'applications'), { recursive: true });
    writeFileSync(join(share, 'applications/jan.desktop'), '[Desktop Entry]\nName=Jan\nExec=/opt/Jan/jan\n');
    writeFileSync(join(share, 'applications/vim.desktop'), '[Desktop Entry]\nName=Vim\nExec=vim %F\n');
    writeFileSync(
      join(share, 'applications/my-claude.desktop'),
      '[Desktop Entry]\nName=Claude\nExec=/opt/x/run\nStartupWMClass=claude-desktop\n',
    );
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'gemini'), '#!/bin/sh\n');
    chmodSync(join(bin, 'gemini'), 0o755);
    writeFileSync(join(bin, 'aider'), 'not executable');
    const home = join(dir, 'home');
    mkdirSync(join(home, '.lmstudio'), { recursive: true });
    roots = { proc, home, dataDirs: [share], path: [bin], root: join(dir, 'root') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds running CLIs, servers by port and owner, installed apps and CLIs on PATH, and nothing else', () => {
    const found = discoverLinux(roots);
    const summary = found.map((d) => `${d.app}/${d.kind}/${d.running ? 'running' : 'installed'}`);
    expect(summary).toEqual([
      'claude/app/installed',
      'gemini-cli/cli/installed',
      'jan/app/installed',
      'lm-studio/app/installed',
      'lm-studio/cli/running',
      'lm-studio/server/running',
      'ollama/server/running',
      'openai-codex/cli/running',
    ]);
    expect(found.find((d) => d.app === 'ollama')!.ports).toEqual([11434]);
    expect(found.find((d) => d.app === 'lm-studio' && d.kind === 'server')!.pids).toEqual([102]);
    // nginx on 8080 is not llama.cpp, LocalAI or Open WebUI; a non-executable `aider` is not on PATH.
    expect(summary.join()).not.toMatch(/(?:^|,)(?:llama-cpp|localai|open-webui|aider)\//);
    expect(toAgentApps(found)).toContainEqual({ id: 'ollama', kind: 'server', running: true });
  });
});
