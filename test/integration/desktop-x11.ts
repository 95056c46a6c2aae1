/**
 * X11 helpers for the desktop agent's tests: a private Xvfb display, the clipboard through xclip,
 * and windows with a chosen WM_CLASS made with python3's tkinter (Tk sets the class from
 * `className`), focused with `focus_force` since no window manager runs.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Display {
  display: string;
  env: NodeJS.ProcessEnv;
  stop(): void;
}

export async function startXvfb(): Promise<Display> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const n = 100 + Math.floor(Math.random() * 800);
    if (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) continue;
    const p = spawn('Xvfb', [`:${n}`, '-screen', '0', '1024x768x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    for (let i = 0; i < 50 && !existsSync(`/tmp/.X11-unix/X${n}`); i++) await sleep(100);
    if (p.exitCode === null && existsSync(`/tmp/.X11-unix/X${n}`)) {
      const display = `:${n}`;
      return { display, env: { ...process.env, DISPLAY: display }, stop: () => p.kill() };
    }
    p.kill();
  }
  throw new Error('could not start Xvfb');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function readClipboard(d: Display): Promise<string> {
  return new Promise((resolve) => {
    execFile('xclip', ['-selection', 'clipboard', '-o'], { env: d.env, timeout: 3_000 }, (err, out) => resolve(err ? '' : out));
  });
}

/** Copies text as a user would: another program owns the clipboard afterwards. */
export function copy(d: Display, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn('xclip', ['-selection', 'clipboard', '-i'], { env: d.env, stdio: ['pipe', 'ignore', 'ignore'] });
    p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`xclip ${code}`))));
    p.stdin.end(text);
  });
}

/** A top-level window of the given WM_CLASS that takes the input focus; kill the process to close it. */
export async function openWindow(d: Display, className: string, title: string): Promise<ChildProcess> {
  const script = `import tkinter as tk
r = tk.Tk(className=${JSON.stringify(className)})
r.title(${JSON.stringify(title)})
r.geometry('400x300+10+10')
def focus():
    r.focus_force()
    print('focused', flush=True)
r.after(200, focus)
r.mainloop()
`;
  const p = spawn('python3', ['-c', script], { env: d.env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    p.stdout!.once('data', () => resolve());
    p.once('exit', (code) => reject(new Error(`window process exited with ${code}`)));
  });
  return p;
}

/** Polls `fn` until it returns a truthy value or `ms` pass; returns the last value. */
export async function until<T>(fn: () => Promise<T> | T, ms = 15_000, every = 100): Promise<T> {
  const end = Date.now() + ms;
  let v = await fn();
  while (!v && Date.now() < end) {
    await sleep(every);
    v = await fn();
  }
  return v;
}
