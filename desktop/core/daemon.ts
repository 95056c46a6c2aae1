import type { Agent } from './agent.ts';
import { ClipboardGuard } from './clipboard/guard.ts';
import { scanBrowsers } from './coverage/browsers.ts';
import { discoverLinux, toAgentApps } from './discovery/index.ts';
import { agentOs } from './paths.ts';
import { rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from './files.ts';
import { STATUS_FILE, STATUS_FRESH_MS, type DaemonStatus } from './native/host.ts';
import { DiscoveryReporter } from './discovery/report.ts';
import type { ClipboardPlatform, Notifier } from './clipboard/platform.ts';
import { X11Clipboard } from './clipboard/x11.ts';
import { headlessNotifier } from './notify.ts';

export interface DaemonOptions {
  /** The clipboard platform; default: X11 on Linux with DISPLAY set, none elsewhere (the Electron shell passes its own). */
  clipboard?: ClipboardPlatform;
  notify?: Notifier;
  /** Resolves to stop the daemon; default: SIGINT or SIGTERM. */
  stop?: Promise<void>;
}

/** The clipboard platform the headless agent can use on this machine, if any. */
export function headlessClipboard(log: (msg: string) => void): ClipboardPlatform | undefined {
  if (process.platform === 'linux' && process.env['DISPLAY']) return new X11Clipboard();
  log('clipboard guard off: headless mode supports X11 only (the tray app covers macOS and Windows)');
  return undefined;
}

/**
 * The daemon: syncs at start, every `syncIntervalSeconds` and soon after an event is recorded;
 * runs the clipboard guard and the scans the configuration enables; stops cleanly on SIGINT or
 * SIGTERM. Events are durable the moment they are recorded, so a hard kill loses nothing queued.
 */
export async function runDaemon(agent: Agent, o: DaemonOptions = {}): Promise<void> {
  const timers: NodeJS.Timeout[] = [];
  const stops: (() => void)[] = [];
  let syncing: Promise<void> | undefined;
  let soon: NodeJS.Timeout | undefined;
  const syncNow = (): void => {
    syncing ??= agent.syncNow().finally(() => {
      syncing = undefined;
    });
  };
  // Events from a burst of activity go out together, a second later.
  const syncSoon = (): void => {
    soon ??= setTimeout(() => {
      soon = undefined;
      syncNow();
    }, 1_000);
  };
  const notify = o.notify ?? headlessNotifier(agent.log);
  // Administrators' messages (justification decisions) are shown from each sync on.
  agent.notifier = notify;
  timers.push(setInterval(syncNow, agent.config.syncIntervalSeconds * 1000));

  const cfg = agent.config.clipboard;
  const platform = cfg.enabled ? (o.clipboard ?? headlessClipboard(agent.log)) : undefined;
  if (platform) {
    const guard = new ClipboardGuard({
      platform,
      policy: () => agent.policy().document,
      subject: () => agent.subject(),
      scanner: () => agent.scanner(),
      record: (e) => {
        const event = agent.record(e);
        syncSoon();
        return event;
      },
      notify,
      read: cfg.read,
      paused: () => agent.paused(),
      log: agent.log,
    });
    const check = (): void => {
      guard.check().catch((e: unknown) => agent.log(`clipboard check failed: ${(e as Error).message}`));
    };
    timers.push(setInterval(check, cfg.pollMs));
    if (platform.watchForeground) stops.push(platform.watchForeground(check));
    stops.push(() => platform.close?.());
    agent.coverage.clipboardGuard = true;
    agent.log(
      `clipboard guard on (${platform.name}, reads ${cfg.read === 'always' ? 'every change' : 'only while an AI app is in front'})`,
    );
  }

  const reporter = new DiscoveryReporter({
    policy: () => agent.policy().document,
    subject: () => agent.subject(),
    record: (e) => agent.record(e),
  });
  const scan = (): void => {
    if (scanOnce(agent, reporter)) syncSoon();
  };
  scan();
  timers.push(setInterval(scan, agent.config.discovery.intervalSeconds * 1000));

  // The native host (a process the browser starts) reads the daemon's health from this file.
  const writeStatus = (): void => {
    const snap = agent.snapshot();
    try {
      writeFileAtomic(
        join(agent.state.dir, STATUS_FILE),
        JSON.stringify({
          v: 1,
          pid: process.pid,
          updatedAt: new Date().toISOString(),
          enrolled: snap.enrolled,
          policyVersion: snap.policyVersion ?? null,
          clipboardGuard: agent.coverage.clipboardGuard,
          paused: snap.paused !== null,
          queue: { queued: snap.queue.queued, dropped: snap.queue.dropped },
        } satisfies DaemonStatus),
      );
    } catch (e) {
      agent.log(`status file not written: ${(e as Error).message}`);
    }
  };
  writeStatus();
  timers.push(setInterval(writeStatus, STATUS_FRESH_MS / 3));

  // After the first scans, so the first heartbeat carries their results.
  syncNow();
  agent.log(`running; state in ${agent.state.dir}`);
  await (o.stop ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    }));
  for (const t of timers) clearInterval(t);
  if (soon) clearTimeout(soon);
  for (const s of stops) s();
  agent.coverage.clipboardGuard = false;
  await syncing;
  rmSync(join(agent.state.dir, STATUS_FILE), { force: true });
  agent.close();
}

/**
 * One discovery and browser-coverage scan: updates what the heartbeat reports and records usage
 * events for AI software that started running. Returns whether events were recorded. Never throws.
 */
export function scanOnce(agent: Agent, reporter: DiscoveryReporter, home = homedir()): boolean {
  let recorded = false;
  if (agent.config.discovery.enabled && process.platform === 'linux') {
    try {
      const found = discoverLinux();
      agent.coverage.apps = toAgentApps(found);
      recorded = reporter.report(found).length > 0;
    } catch (e) {
      agent.log(`discovery failed: ${(e as Error).message}`);
    }
  }
  try {
    const ids = agent.config.extension;
    agent.coverage.browsers = scanBrowsers(
      { chromium: ids.chromiumIds, firefox: ids.firefoxIds },
      { os: agentOs(), home, env: process.env },
    );
  } catch (e) {
    agent.log(`browser coverage scan failed: ${(e as Error).message}`);
  }
  return recorded;
}
