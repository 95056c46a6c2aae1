/**
 * Headless entry point of the desktop agent (`npm run agent -- <command>`, bin `daylight-agent`):
 *
 * - `status [--json]`: what this machine's agent knows (enrollment, policy, queue); safe to run
 *   next to a running daemon.
 * - `sync`: one round: scan (discovery, browser coverage), enroll if needed, fetch the policy,
 *   send queued events and a heartbeat.
 * - `discover [--json]`: one scan for AI apps, CLIs and local model servers; running ones are
 *   reported (when a configuration is present) like the daemon does.
 * - `run`: the daemon: clipboard guard, discovery, browser coverage, sync on an interval.
 * - `install-native-host [--scope user|system] [--dir PATH]`: the launcher and the browsers'
 *   native messaging manifests, so the extension can reach the agent.
 * - `native-host`: the host side of native messaging; browsers start it through the launcher.
 *
 * Flags: `--config PATH` (else `DAYLIGHT_CONFIG`, else the per-OS managed location) and
 * `--state-dir PATH` (else `DAYLIGHT_STATE_DIR`, else the configuration's `stateDir`, else per user).
 */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { Agent } from './agent.ts';
import { ConfigError, readConfig, resolveLocations, type ManagedConfig } from './config.ts';
import { runDaemon, scanOnce } from './daemon.ts';
import { discoverLinux, toAgentApps } from './discovery/index.ts';
import { DiscoveryReporter } from './discovery/report.ts';
import { LockedError } from './files.ts';
import { runNativeHost } from './native/host.ts';
import { installNativeHost } from './native/install.ts';
import { agentOs } from './paths.ts';
import { agentStatus, formatStatus } from './status.ts';

const USAGE =
  'Usage: daylight-agent <status|sync|discover|run|install-native-host|native-host> [--config PATH] [--state-dir PATH] [--json] [--scope user|system] [--dir PATH]';

const HELP = `${USAGE}

Commands:
  status               what the agent knows (default): enrollment, policy version, queue, coverage
  sync                 scan once, enroll if needed, fetch the policy and deliver queued events
  discover             list AI apps, CLIs and local model servers found on this machine
  run                  the daemon: clipboard guard, discovery, coverage, sync (what the tray starts)
  install-native-host  register the native messaging host with Chrome, Edge, Chromium and Firefox
  native-host          the native messaging host itself (browsers start it)

Options:
  --config PATH        managed configuration (default per OS; or DAYLIGHT_CONFIG); see docs/desktop.md
  --state-dir PATH     where the queue, policy and state live
  --json               machine-readable output
  --scope user|system  install-native-host: for this user or machine-wide
  --dir PATH           install-native-host: where the launcher is written`;

const Command = z.enum(['status', 'sync', 'discover', 'run', 'install-native-host', 'native-host']);
type Command = z.infer<typeof Command>;

const Flags = z.strictObject({
  config: z.string().min(1).optional(),
  'state-dir': z.string().min(1).optional(),
  json: z.boolean().optional(),
  scope: z.enum(['user', 'system']).optional(),
  dir: z.string().min(1).optional(),
  help: z.boolean().optional(),
});
type Flags = z.infer<typeof Flags>;

const OPTIONS = {
  config: { type: 'string' },
  'state-dir': { type: 'string' },
  json: { type: 'boolean' },
  scope: { type: 'string' },
  dir: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: string[]): { command: Command; flags: Flags } {
  // Browsers start the native host with arguments of their own (the caller's origin, a manifest
  // path, a window handle): accept and ignore them there.
  if (argv[0] === 'native-host') {
    const { values } = parseArgs({ args: argv.slice(1), options: OPTIONS, allowPositionals: true, strict: false });
    return { command: 'native-host', flags: Flags.parse({ config: values['config'], 'state-dir': values['state-dir'] }) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    throw new ConfigError(`${(e as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new ConfigError(`one command expected, got: ${positionals.join(' ')}\n${USAGE}`);
  if (positionals[0] === 'help') return { command: 'status', flags: { help: true } };
  const command = Command.safeParse(positionals[0] ?? 'status');
  if (!command.success) throw new ConfigError(`unknown command: ${positionals[0]}\n${USAGE}`);
  const flags = Flags.safeParse(values);
  if (!flags.success) throw new ConfigError(`${flags.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n${USAGE}`);
  return { command: command.data, flags: flags.data };
}

function load(flags: Flags): { config: ManagedConfig | undefined; configPath: string; stateDir: string } {
  const first = resolveLocations({ config: flags.config }, undefined);
  const config = readConfig(first.configPath);
  const where = resolveLocations({ config: flags.config, stateDir: flags['state-dir'] }, config);
  return { config, ...where };
}

async function main(argv: string[]): Promise<number> {
  const { command, flags } = parse(argv);
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  if (command === 'native-host') {
    // Never fail before answering: a broken configuration still gets a health answer saying so.
    let stateDir: string | undefined;
    try {
      stateDir = load(flags).stateDir;
    } catch (e) {
      console.error(`daylight-agent: ${(e as Error).message}`);
    }
    await runNativeHost(stateDir);
    return 0;
  }
  const { config, configPath, stateDir } = load(flags);
  if (command === 'status') {
    const agent = config ? new Agent({ config, stateDir, readOnly: true }) : undefined;
    const s = agentStatus(agent?.snapshot(), { configPath, stateDir });
    agent?.close();
    console.log(flags.json ? JSON.stringify(s) : formatStatus(s));
    return 0;
  }
  if (command === 'discover') {
    const found = discoverLinux();
    if (config) {
      const agent = new Agent({ config, stateDir });
      new DiscoveryReporter({
        policy: () => agent.policy().document,
        subject: () => agent.subject(),
        record: (e) => agent.record(e),
      }).report(found);
      agent.coverage.apps = toAgentApps(found);
      await agent.syncNow();
      agent.close();
    }
    console.log(
      flags.json
        ? JSON.stringify(found)
        : found.map((d) => `${d.app} (${d.kind})${d.running ? ' running' : ''}: ${d.evidence.join('; ')}`).join('\n'),
    );
    return 0;
  }
  if (command === 'install-native-host') {
    const ids = config?.extension ?? { chromiumIds: [], firefoxIds: [] };
    if (!ids.chromiumIds.length && !ids.firefoxIds.length) {
      throw new ConfigError(
        `no extension ids in ${configPath} (extension.chromiumIds / extension.firefoxIds): browsers would refuse every caller`,
      );
    }
    // The command that runs this very program, with the loader flags it was started with.
    const command = [process.execPath, ...process.execArgv, resolve(process.argv[1] as string)];
    const r = installNativeHost({
      os: agentOs(),
      scope: flags.scope ?? 'user',
      home: homedir(),
      command,
      dir: resolve(flags.dir ?? stateDir),
      ids: { chromium: ids.chromiumIds, firefox: ids.firefoxIds },
      stateDir: resolve(stateDir),
      configPath: resolve(configPath),
    });
    console.log(flags.json ? JSON.stringify(r) : [`launcher: ${r.launcher}`, ...r.manifests.map((m) => `manifest: ${m}`)].join('\n'));
    return 0;
  }
  if (!config) throw new ConfigError(`no managed configuration at ${configPath} (set --config or DAYLIGHT_CONFIG)`);
  const agent = new Agent({ config, stateDir });
  if (command === 'sync') {
    scanOnce(
      agent,
      new DiscoveryReporter({ policy: () => agent.policy().document, subject: () => agent.subject(), record: (e) => agent.record(e) }),
    );
    await agent.syncNow();
    const s = agent.snapshot();
    agent.close();
    console.log(
      flags.json
        ? JSON.stringify(s)
        : `enrolled: ${s.enrolled ? 'yes' : 'no'}; policy version: ${s.policyVersion ?? 'default'}; queued: ${s.queue.queued}`,
    );
    return 0;
  }
  await runDaemon(agent);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`daylight-agent: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = e instanceof ConfigError || e instanceof z.ZodError ? 2 : e instanceof LockedError ? 3 : 1;
  },
);
