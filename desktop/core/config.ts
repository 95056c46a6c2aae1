import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { agentOs, defaultConfigPath, defaultStateDir, type AgentOs } from './paths.ts';

/**
 * The managed configuration MDM writes as a JSON file (location per OS in `paths.ts`). Parsed once
 * at start; anything the schema refuses stops the agent with a message naming the field, so a
 * typo in a deployment is seen at once instead of half-applied. Unknown keys are refused for the
 * same reason.
 */
export const ManagedConfig = z.strictObject({
  /** The tenant server, e.g. `https://daylight.example.com`. */
  serverUrl: z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, '')),
  enrollmentToken: z.string().regex(/^dle_[A-Za-z0-9_-]{16,200}$/, 'an enrollment token (dle_...)'),
  /** The signed-in user's e-mail or UPN, as MDM knows it. */
  userId: z.string().trim().min(1).max(320).optional(),
  /** Directory groups of the user as MDM knows them; policy rules and exceptions may target them. */
  groups: z.array(z.string().trim().min(1).max(256)).max(100).optional(),
  /** MDM's own id of this device, to tie re-enrollments together. */
  mdmDeviceId: z.string().trim().min(1).max(128).optional(),
  /** Overrides the per-user state directory; absolute. */
  stateDir: z.string().refine(isAbsolute, 'an absolute path').optional(),
  /** How often to fetch the policy and send events and the heartbeat. */
  syncIntervalSeconds: z.number().int().min(5).max(86_400).default(60),
  clipboard: z
    .strictObject({
      enabled: z.boolean().default(true),
      /**
       * `ai-apps`: read the clipboard only while an AI app is in front (default); `always`: read
       * every change. The policy cannot widen this: the admin chooses it in the deployment.
       */
      read: z.enum(['ai-apps', 'always']).default('ai-apps'),
      /** How often the foreground window and, while it matters, the clipboard are checked. */
      pollMs: z.number().int().min(100).max(10_000).default(500),
    })
    .prefault({}),
  /**
   * The Daylight extension's ids, for browser coverage and the native messaging host's allowed
   * origins: Chromium ids (Chrome Web Store and Edge Add-ons give different ones) and Firefox
   * add-on ids.
   */
  extension: z
    .strictObject({
      chromiumIds: z
        .array(z.string().regex(/^[a-p]{32}$/, 'a Chromium extension id (32 letters a-p)'))
        .max(16)
        .default([]),
      firefoxIds: z.array(z.string().min(1).max(256)).max(16).default([]),
    })
    .prefault({}),
  discovery: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Seconds between scans of processes, installed apps and listening ports. */
      intervalSeconds: z.number().int().min(10).max(86_400).default(300),
    })
    .prefault({}),
});
export type ManagedConfig = z.infer<typeof ManagedConfig>;
export type ManagedConfigInput = z.input<typeof ManagedConfig>;

/** A configuration file that is missing, unreadable or invalid; the message says which and why. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Where the configuration and state come from, after command-line flags and environment. */
export interface Locations {
  configPath: string;
  stateDir: string;
}

/** Flags and environment that override the defaults: `--config` / `DAYLIGHT_CONFIG`, `--state-dir` / `DAYLIGHT_STATE_DIR`. */
export interface Overrides {
  config?: string;
  stateDir?: string;
}

/**
 * Resolves the configuration path and state directory: command line first, then environment,
 * then (state only) the configuration file's `stateDir`, then the per-OS default.
 */
export function resolveLocations(
  flags: Overrides,
  config: ManagedConfig | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
  os: AgentOs = agentOs(),
): Locations {
  return {
    configPath: flags.config ?? env['DAYLIGHT_CONFIG'] ?? defaultConfigPath(os, env),
    stateDir: flags.stateDir ?? env['DAYLIGHT_STATE_DIR'] ?? config?.stateDir ?? defaultStateDir(os, env),
  };
}

/** Parses configuration JSON text; throws {@link ConfigError} naming every bad field. */
export function parseConfig(text: string, source: string): ManagedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${source}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const parsed = ManagedConfig.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`${source}: invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/**
 * Reads the managed configuration; `undefined` when the file does not exist (an unmanaged device:
 * the agent runs, but neither enrolls nor reports).
 */
export function readConfig(path: string): ManagedConfig | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`${path}: cannot read (${(e as Error).message})`);
  }
  return parseConfig(text, path);
}
