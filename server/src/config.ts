import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/** Default data directory: `$XDG_DATA_HOME/daylight`, else the per-OS user data dir. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'daylight');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Daylight');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'Daylight');
  return join(homedir(), '.local', 'share', 'daylight');
}

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** 32 bytes (64 hex or base64) sealing tenant keys; else MASTER_KEY_FILE, created on first start. */
  MASTER_KEY: z.string().min(1).optional(),
  MASTER_KEY_FILE: z.string().min(1).optional(),
  /** Base URL people reach the server at; used in the owner sign-in link. */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  BOOTSTRAP_TENANT_NAME: z.string().trim().min(1).max(200).default('Default'),
  BOOTSTRAP_OWNER_EMAIL: z.email().default('owner@localhost.localdomain'),
  /** Event ingest requests per minute, per device and per tenant. */
  RATE_LIMIT_DEVICE_PER_MIN: z.coerce.number().int().min(1).default(120),
  RATE_LIMIT_TENANT_PER_MIN: z.coerce.number().int().min(1).default(20_000),
  /**
   * `true` drops the Secure attribute of the dashboard session cookie. Only for development on
   * plain http://localhost (refused for any other PUBLIC_URL): browsers do not send Secure
   * cookies over http.
   */
  INSECURE_DEV_COOKIES: z.enum(['true', 'false']).default('false'),
  /** Self-hosted extension releases (daylight-VERSION.crx / .xpi) served under /extension/ (docs/rollout.md). */
  EXTENSION_RELEASES_DIR: z.string().min(1).optional(),
});

export interface Config {
  port: number;
  host: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  storage: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  masterKey?: string;
  masterKeyFile: string;
  publicUrl: string;
  bootstrap: { name: string; ownerEmail: string };
  rateLimits: RateLimits;
  /** Secure attribute of the session cookie; false only for plain-http localhost development. */
  cookieSecure: boolean;
  /** Directory of extension releases served under /extension/. */
  extensionReleasesDir: string;
}

export interface RateLimits {
  devicePerMinute: number;
  tenantPerMinute: number;
}

export class ConfigError extends Error {}

/**
 * Reads the server's configuration from the environment. Throws {@link ConfigError} naming every
 * bad variable, so a typo stops the server at boot instead of surfacing later.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = e.DATA_DIR ?? defaultDataDir(env);
  const publicUrl = (e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(/\/$/, '');
  if (e.INSECURE_DEV_COOKIES === 'true' && !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(publicUrl)) {
    throw new ConfigError(
      `Invalid configuration:\n  INSECURE_DEV_COOKIES: only for plain-http localhost development; PUBLIC_URL is ${publicUrl}`,
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    storage: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir },
    masterKey: e.MASTER_KEY,
    masterKeyFile: e.MASTER_KEY_FILE ?? join(dataDir, 'master.key'),
    publicUrl,
    bootstrap: { name: e.BOOTSTRAP_TENANT_NAME, ownerEmail: e.BOOTSTRAP_OWNER_EMAIL },
    rateLimits: { devicePerMinute: e.RATE_LIMIT_DEVICE_PER_MIN, tenantPerMinute: e.RATE_LIMIT_TENANT_PER_MIN },
    cookieSecure: e.INSECURE_DEV_COOKIES !== 'true',
    extensionReleasesDir: e.EXTENSION_RELEASES_DIR ?? join(dataDir, 'extension-releases'),
  };
}
