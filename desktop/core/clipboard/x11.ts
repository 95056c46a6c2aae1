import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ProcessFacts } from '../../../shared/catalog/desktop.ts';
import type { ClipboardPlatform, ForegroundWindow } from './platform.ts';

/** Runs an X11 tool; resolves its stdout, or `undefined` when it fails or times out. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeout = 2_000): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (err, stdout) =>
      resolve(err ? undefined : stdout),
    );
  });
}

const WINDOW_ID = /window id # (0x[0-9a-f]+)/i;

/**
 * The window id in `xprop -root _NET_ACTIVE_WINDOW` output: `(WINDOW): window id # 0x1e00007` as
 * window managers set it, or a plain number when another client set the property as CARDINAL.
 */
export function parseActiveWindow(line: string): string | undefined {
  const id = WINDOW_ID.exec(line)?.[1];
  if (id) return id;
  const n = /^_NET_ACTIVE_WINDOW\(CARDINAL\) = (0x[0-9a-f]+|\d+)/i.exec(line)?.[1];
  return n === undefined ? undefined : `0x${Number(n).toString(16)}`;
}

/** Parses `xprop -id W WM_CLASS _NET_WM_PID WM_NAME` output. */
export function parseXprop(out: string): { classes: string[]; pid?: number; title?: string } {
  const classes = /^WM_CLASS\(STRING\) = (.*)$/m.exec(out)?.[1];
  const pid = /^_NET_WM_PID\(CARDINAL\) = (\d+)$/m.exec(out)?.[1];
  const title = /^WM_NAME\((?:STRING|UTF8_STRING|COMPOUND_TEXT)\) = "(.*)"$/m.exec(out)?.[1];
  return {
    classes: classes ? [...classes.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] as string) : [],
    ...(pid ? { pid: Number(pid) } : {}),
    ...(title !== undefined ? { title } : {}),
  };
}

/** What /proc says about a local process (Linux); empty when it is gone or not readable. */
export function procFacts(pid: number, procRoot = '/proc'): ProcessFacts {
  const facts: ProcessFacts = {};
  try {
    facts.comm = readFileSync(`${procRoot}/${pid}/comm`, 'utf8').trim();
  } catch {
    // Gone, or another user's process under hidepid.
  }
  try {
    facts.exe = readlinkSync(`${procRoot}/${pid}/exe`).replace(/ \(deleted\)$/, '');
  } catch {
    // Not ours to read: comm and cmdline are enough.
  }
  try {
    const argv = readFileSync(`${procRoot}/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    if (argv.length) facts.argv = argv;
  } catch {
    // As above.
  }
  return facts;
}

/**
 * Linux/X11: the clipboard through `xclip`, the foreground window through `xprop` (EWMH
 * `_NET_ACTIVE_WINDOW`, watched with `xprop -spy` when a window manager sets it) and, when no window
 * manager does, the X input focus from `xdpyinfo`, walking up with `xwininfo` to the window that
 * carries `WM_CLASS`. Facts about a window (class, pid) are cached by window id: they do not change.
 */
export class X11Clipboard implements ClipboardPlatform {
  readonly name = 'x11';
  private readonly env: NodeJS.ProcessEnv;
  private readonly facts = new Map<string, ForegroundWindow | null>();
  private spy: ChildProcess | undefined;
  private spied: string | undefined;
  /** Whether a window manager sets `_NET_ACTIVE_WINDOW`; unknown until the spy reports. */
  private ewmh: boolean | undefined;

  constructor(display = process.env['DISPLAY']) {
    if (!display) throw new Error('no X display (DISPLAY is not set)');
    this.env = { ...process.env, DISPLAY: display };
  }

  async readText(): Promise<string | undefined> {
    const out = await run('xclip', ['-selection', 'clipboard', '-o', '-t', 'UTF8_STRING'], this.env);
    return out ?? run('xclip', ['-selection', 'clipboard', '-o'], this.env);
  }

  writeText(text: string): Promise<void> {
    // xclip forks a child that owns the selection and serves it until another owner takes over;
    // the parent exits once the text is read. Its stdout/stderr are not ours to keep open.
    return new Promise((resolve, reject) => {
      const p = spawn('xclip', ['-selection', 'clipboard', '-i'], { env: this.env, stdio: ['pipe', 'ignore', 'ignore'] });
      p.once('error', reject);
      p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`xclip exited with ${code}`))));
      p.stdin.end(text, 'utf8');
    });
  }

  clear(): Promise<void> {
    // X11 has no "empty clipboard": own it with empty text.
    return this.writeText('');
  }

  async foreground(): Promise<ForegroundWindow | undefined> {
    // With a window manager the spy keeps `spied` current and no process is started per check;
    // without one (the spy said the atom is missing) only the input focus is asked for.
    const id = this.spied ?? (this.ewmh === false ? undefined : await this.activeWindow()) ?? (await this.focusWindow());
    if (!id || /^0x0+$/.test(id)) return undefined;
    if (!this.facts.has(id)) {
      if (this.facts.size >= 512) this.facts.clear();
      this.facts.set(id, await this.describe(id));
    }
    return this.facts.get(id) ?? undefined;
  }

  watchForeground(onChange: () => void): () => void {
    const p = spawn('xprop', ['-root', '-spy', '_NET_ACTIVE_WINDOW'], { env: this.env, stdio: ['ignore', 'pipe', 'ignore'] });
    this.spy = p;
    createInterface({ input: p.stdout }).on('line', (line) => {
      const id = parseActiveWindow(line);
      // Without a window manager the atom is missing: stay with polling the input focus.
      this.ewmh = id !== undefined;
      this.spied = id;
      onChange();
    });
    p.once('exit', () => {
      this.spied = undefined;
      this.ewmh = undefined;
    });
    return () => p.kill();
  }

  close(): void {
    this.spy?.kill();
  }

  private async activeWindow(): Promise<string | undefined> {
    const out = await run('xprop', ['-root', '_NET_ACTIVE_WINDOW'], this.env);
    return out ? parseActiveWindow(out) : undefined;
  }

  private async focusWindow(): Promise<string | undefined> {
    const out = await run('xdpyinfo', [], this.env);
    return out ? /^focus:\s+window (0x[0-9a-f]+)/m.exec(out)?.[1] : undefined;
  }

  /** The window's class and pid; walks up to the top-level window when the focus is a child. */
  private async describe(id: string): Promise<ForegroundWindow | null> {
    let current = id;
    for (let depth = 0; depth < 8; depth++) {
      const out = await run('xprop', ['-id', current, 'WM_CLASS', '_NET_WM_PID', 'WM_NAME'], this.env);
      if (out === undefined) return null;
      const p = parseXprop(out);
      if (p.classes.length) {
        return {
          id,
          windowClasses: p.classes,
          ...(p.title !== undefined ? { title: p.title } : {}),
          ...(p.pid ? { pid: p.pid, process: procFacts(p.pid) } : {}),
        };
      }
      const tree = await run('xwininfo', ['-tree', '-id', current], this.env);
      const parent = tree ? /Parent window id: (0x[0-9a-f]+)/.exec(tree)?.[1] : undefined;
      const root = tree ? /Root window id: (0x[0-9a-f]+)/.exec(tree)?.[1] : undefined;
      if (!parent || parent === root) return null;
      current = parent;
    }
    return null;
  }
}
