import { execFile } from 'node:child_process';
import type { Notifier } from './clipboard/platform.ts';

/**
 * The headless notifier: `notify-send` (freedesktop notifications) when there is a desktop session,
 * and always a line in the log. The Electron shell passes native notifications instead.
 */
export function headlessNotifier(log: (msg: string) => void, env: NodeJS.ProcessEnv = process.env): Notifier {
  return (title, body) => {
    log(`${title}: ${body}`);
    if (!env['DISPLAY'] && !env['WAYLAND_DISPLAY']) return;
    execFile('notify-send', ['--app-name=Daylight', title, body], { timeout: 5_000 }, () => undefined);
  };
}
