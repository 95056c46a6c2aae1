import { accessSync, constants, existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessFacts } from '../../../shared/catalog/desktop.ts';
import { procFacts } from '../clipboard/x11.ts';

/**
 * Linux facts for AI discovery, read from `/proc` and the file system without privileges. Every
 * root is a parameter so tests can point them at fixture trees.
 */
export interface LinuxRoots {
  /** `/proc` */
  proc: string;
  home: string;
  /** `XDG_DATA_DIRS` plus the user's data dir; `.desktop` files live in their `applications/`. */
  dataDirs: string[];
  /** `PATH` entries. */
  path: string[];
  /** Prefix for absolute install paths (`/` normally). */
  root: string;
}

export function defaultLinuxRoots(env: NodeJS.ProcessEnv = process.env, home = env['HOME'] ?? '/root'): LinuxRoots {
  const dataDirs = (env['XDG_DATA_DIRS'] || '/usr/local/share:/usr/share').split(':').filter(Boolean);
  return {
    proc: '/proc',
    home,
    dataDirs: [env['XDG_DATA_HOME'] || join(home, '.local/share'), ...dataDirs, '/var/lib/flatpak/exports/share', '/var/lib/snapd/desktop'],
    path: (env['PATH'] ?? '').split(':').filter(Boolean),
    root: '/',
  };
}

export interface RunningProcess extends ProcessFacts {
  pid: number;
}

/** Every process whose facts can be read. */
export function listProcesses(proc: string): RunningProcess[] {
  let entries: string[];
  try {
    entries = readdirSync(proc);
  } catch {
    return [];
  }
  const out: RunningProcess[] = [];
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const facts = procFacts(Number(name), proc);
    if (facts.comm !== undefined || facts.argv !== undefined) out.push({ pid: Number(name), ...facts });
  }
  return out;
}

export interface ListeningPort {
  port: number;
  /** Socket inode, to find the owning process. */
  inode: number;
  /** Listening on a loopback address only. */
  loopback: boolean;
}

/**
 * TCP sockets in state LISTEN (`0A`) from `net/tcp` and `net/tcp6`. Addresses are hex in the
 * kernel's byte order per 32-bit word; only "is it loopback" is derived from them.
 */
export function parseProcNetTcp(text: string, v6: boolean): ListeningPort[] {
  const out: ListeningPort[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || f[3] !== '0A') continue;
    const [addr, portHex] = (f[1] ?? '').split(':');
    if (!addr || !portHex) continue;
    const loopback = v6
      ? addr === '00000000000000000000000001000000' || /^0000000000000000FFFF00000100007F$/i.test(addr)
      : addr.endsWith('7F');
    out.push({ port: parseInt(portHex, 16), inode: Number(f[9]), loopback });
  }
  return out;
}

export function listeningPorts(proc: string): ListeningPort[] {
  const out: ListeningPort[] = [];
  for (const [file, v6] of [
    ['net/tcp', false],
    ['net/tcp6', true],
  ] as const) {
    try {
      out.push(...parseProcNetTcp(readFileSync(join(proc, file), 'utf8'), v6));
    } catch {
      // No IPv6, or no such file in a fixture.
    }
  }
  return out;
}

/**
 * The processes owning the given socket inodes, from `/proc/PID/fd` links (`socket:[inode]`).
 * Only processes this user may inspect are found; others' sockets stay unowned.
 */
export function socketOwners(proc: string, inodes: ReadonlySet<number>, processes: readonly RunningProcess[]): Map<number, RunningProcess> {
  const owners = new Map<number, RunningProcess>();
  if (!inodes.size) return owners;
  for (const p of processes) {
    let fds: string[];
    try {
      fds = readdirSync(join(proc, String(p.pid), 'fd'));
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(join(proc, String(p.pid), 'fd', fd));
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (m && inodes.has(Number(m[1]))) owners.set(Number(m[1]), p);
    }
    if (owners.size === inodes.size) break;
  }
  return owners;
}

/** A Linux desktop entry: its id (file name without `.desktop`) and the keys discovery uses. */
export interface DesktopEntry {
  id: string;
  name?: string;
  exec?: string;
  wmClass?: string;
}

export function parseDesktopEntry(id: string, text: string): DesktopEntry {
  const entry: DesktopEntry = { id };
  let inMain = false;
  for (const line of text.split('\n')) {
    const l = line.trim();
    if (l.startsWith('[')) {
      inMain = l === '[Desktop Entry]';
      continue;
    }
    if (!inMain) continue;
    const m = /^(Name|Exec|StartupWMClass)=(.*)$/.exec(l);
    if (!m) continue;
    if (m[1] === 'Name') entry.name ??= m[2];
    if (m[1] === 'Exec') entry.exec ??= m[2];
    if (m[1] === 'StartupWMClass') entry.wmClass ??= m[2];
  }
  return entry;
}

/** The program an `Exec=` line starts (first word, quotes removed, `env VAR=x` skipped). */
export function execProgram(exec: string): string | undefined {
  const words = exec.match(/"[^"]*"|\S+/g)?.map((w) => w.replace(/^"|"$/g, '')) ?? [];
  let i = 0;
  if (words[i] === 'env') {
    i++;
    while (words[i]?.includes('=')) i++;
  }
  return words[i];
}

export function listDesktopEntries(dataDirs: readonly string[]): DesktopEntry[] {
  const out: DesktopEntry[] = [];
  for (const dir of dataDirs) {
    const apps = join(dir, 'applications');
    let files: string[];
    try {
      files = readdirSync(apps);
    } catch {
      continue;
    }
    for (const f of files) {
      if (!f.endsWith('.desktop')) continue;
      try {
        out.push(parseDesktopEntry(f.slice(0, -'.desktop'.length), readFileSync(join(apps, f), 'utf8')));
      } catch {
        // Unreadable entry: skip.
      }
    }
  }
  return out;
}

/** Whether `name` is an executable file in one of the `PATH` entries. */
export function onPath(name: string, path: readonly string[]): string | undefined {
  for (const dir of path) {
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** An install path of the catalog (`~` = home), under `root`. */
export function installed(path: string, roots: LinuxRoots): boolean {
  const expanded = path.startsWith('~/') ? join(roots.home, path.slice(2)) : path;
  return existsSync(expanded.startsWith(roots.home) ? expanded : join(roots.root, expanded));
}
