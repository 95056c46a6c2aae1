import { describe, expect, it } from 'vitest';
import { parseActiveWindow, parseXprop, procFacts } from './x11.ts';

describe('X11 output parsing', () => {
  it('reads the active window as window managers and other clients set it', () => {
    expect(parseActiveWindow('_NET_ACTIVE_WINDOW(WINDOW): window id # 0x1e00007')).toBe('0x1e00007');
    expect(parseActiveWindow('_NET_ACTIVE_WINDOW(CARDINAL) = 2097156')).toBe('0x200004');
    expect(parseActiveWindow('_NET_ACTIVE_WINDOW:  no such atom on any window.')).toBeUndefined();
  });

  it('reads WM_CLASS, the pid and the title of a window', () => {
    const out = 'WM_CLASS(STRING) = "chatgpt", "ChatGPT"\n_NET_WM_PID(CARDINAL) = 4242\nWM_NAME(UTF8_STRING) = "ChatGPT — new chat"\n';
    expect(parseXprop(out)).toEqual({ classes: ['chatgpt', 'ChatGPT'], pid: 4242, title: 'ChatGPT — new chat' });
    expect(parseXprop('WM_CLASS:  not found.\n_NET_WM_PID:  not found.\n')).toEqual({ classes: [] });
  });

  it('reads a live process from /proc', () => {
    const f = procFacts(process.pid);
    expect(f.comm).toBeTruthy();
    expect(f.exe).toBe(process.execPath);
    expect(f.argv?.length).toBeGreaterThan(0);
    expect(procFacts(2 ** 22 + 1)).toEqual({});
  });
});
