import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { clipboard } from 'electron';
import type { ClipboardPlatform, ForegroundWindow } from '../core/clipboard/platform.ts';
import { X11Clipboard } from '../core/clipboard/x11.ts';

/**
 * The clipboard guard's platform inside the tray app: Electron's clipboard API for text, and the
 * OS's own way to name the frontmost app:
 * - macOS: `lsappinfo front` then `lsappinfo info -only bundleid` (Launch Services, no permission
 *   prompt, unlike Accessibility-based lookups).
 * - Windows: one long-lived PowerShell that prints the foreground window's process name whenever
 *   it changes (`GetForegroundWindow` + `GetWindowThreadProcessId`), so no process is started per poll.
 * - Linux: the X11 implementation of desktop/core.
 */
export function electronClipboard(): ClipboardPlatform {
  if (process.platform === 'linux') return new X11Clipboard();
  const text: Pick<ClipboardPlatform, 'readText' | 'writeText' | 'clear'> = {
    readText: async () => clipboard.readText() || undefined,
    writeText: async (t) => clipboard.writeText(t),
    clear: async () => clipboard.clear(),
  };
  return process.platform === 'darwin' ? { name: 'macos', ...text, foreground: macForeground } : windowsPlatform(text);
}

function run(cmd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => execFile(cmd, args, { timeout: 2_000, encoding: 'utf8' }, (err, out) => resolve(err ? undefined : out)));
}

async function macForeground(): Promise<ForegroundWindow | undefined> {
  const asn = (await run('lsappinfo', ['front']))?.trim();
  if (!asn) return undefined;
  const info = await run('lsappinfo', ['info', '-only', 'bundleid', asn]);
  const bundle = info ? /"(?:CFBundleIdentifier|bundleid)"="([^"]+)"/i.exec(info)?.[1] : undefined;
  return { id: asn, ...(bundle ? { macBundleId: bundle } : {}) };
}

const PS_WATCH = `
Add-Type @"
using System; using System.Runtime.InteropServices;
public static class Fg { [DllImport("user32.dll")] public static extern IntPtr GetForegroundWindow();
  [DllImport("user32.dll")] public static extern uint GetWindowThreadProcessId(IntPtr h, out uint pid); }
"@
$last = ''
while ($true) {
  $h = [Fg]::GetForegroundWindow(); $p = 0; [void][Fg]::GetWindowThreadProcessId($h, [ref]$p)
  $name = try { (Get-Process -Id $p -ErrorAction Stop).ProcessName } catch { '' }
  $line = "$h $p $name"
  if ($line -ne $last) { [Console]::Out.WriteLine($line); [Console]::Out.Flush(); $last = $line }
  Start-Sleep -Milliseconds 300
}`;

function windowsPlatform(text: Pick<ClipboardPlatform, 'readText' | 'writeText' | 'clear'>): ClipboardPlatform {
  let current: ForegroundWindow | undefined;
  let ps: ChildProcess | undefined;
  const listeners = new Set<() => void>();
  const start = (): void => {
    ps = spawn('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', PS_WATCH], {
      stdio: ['ignore', 'pipe', 'ignore'],
      windowsHide: true,
    });
    createInterface({ input: ps.stdout! }).on('line', (line) => {
      const m = /^(\d+) (\d+) (.*)$/.exec(line.trim());
      current = m ? { id: m[1] as string, pid: Number(m[2]), process: { exe: m[3] as string } } : undefined;
      for (const l of listeners) l();
    });
  };
  return {
    name: 'windows',
    ...text,
    foreground: async () => {
      if (!ps) start();
      return current;
    },
    watchForeground(onChange) {
      if (!ps) start();
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    close: () => ps?.kill(),
  };
}
