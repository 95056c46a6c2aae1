import { z } from 'zod';

/**
 * MDM rollout kit (docs/rollout.md): the tenant's deployment choices, and the files generated from
 * them with the tenant's rollout enrollment token filled in.
 */

const HttpUrl = z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }).max(2000);

/** What the tenant chooses for its deployment. Every field has a default. */
export const RolloutOptions = z.strictObject({
  /** Turn off Incognito (Chrome) / InPrivate (Edge) / private browsing (Firefox), where extensions may not run. */
  disablePrivateBrowsing: z.boolean().default(true),
  /** Turn off Guest mode (Chrome, Edge): guest profiles have no extensions. */
  disableGuestMode: z.boolean().default(true),
  /**
   * `extensions`: no developer tools on force-installed extensions (users cannot stop or inspect
   * Daylight; the default, and Chrome's own default for them); `allowed`: developer tools
   * everywhere, Daylight included; `blocked`: no developer tools at all.
   */
  developerTools: z.enum(['allowed', 'extensions', 'blocked']).default('extensions'),
  /** Users cannot change the server in the extension's options page. */
  lockSettings: z.boolean().default(true),
  /** Pin the extension's button to the toolbar (Chrome, Edge, Firefox). */
  pinToolbar: z.boolean().default(true),
  /**
   * Where Chrome and Edge fetch the extension: `self-hosted` (this server's `update.xml`, the
   * default) or a store (`chrome-web-store`).
   */
  chromiumSource: z.enum(['self-hosted', 'chrome-web-store']).default('self-hosted'),
  /** The Chromium extension id; default: the newest self-hosted release's, else Daylight's. */
  chromiumExtensionId: z
    .string()
    .regex(/^[a-p]{32}$/, 'a Chromium extension id (32 letters a-p)')
    .optional(),
  /** Where Firefox downloads the (Mozilla-signed) add-on; default: this server's newest `.xpi`. */
  firefoxInstallUrl: HttpUrl.optional(),
});
export type RolloutOptions = z.infer<typeof RolloutOptions>;
export type RolloutOptionsInput = z.input<typeof RolloutOptions>;

export const RolloutPlatform = z.enum(['windows', 'macos', 'linux', 'chromeos', 'all']);

/** One downloadable file. */
export const RolloutFileInfo = z.object({
  name: z.string(),
  platform: RolloutPlatform,
  /** Which browser or agent it configures. */
  target: z.enum(['chrome', 'edge', 'firefox', 'agent']),
  description: z.string(),
  contentType: z.string(),
  /** Relative URL of `GET /v1/rollout/files/:name`. */
  downloadUrl: z.string(),
});
export type RolloutFileInfo = z.infer<typeof RolloutFileInfo>;

/** `GET /v1/rollout` */
export const RolloutInfo = z.object({
  options: RolloutOptions,
  /** The server URL devices are configured with. */
  serverUrl: z.string(),
  /** The Chromium extension id the files install, and where Chrome/Edge fetch it. */
  chromium: z.object({ extensionId: z.string(), updateUrl: z.string() }),
  firefox: z.object({ extensionId: z.string(), installUrl: z.string() }),
  /** The enrollment token written into the files (`null`: none yet, `PUT /v1/rollout` creates it). */
  enrollmentToken: z.object({ id: z.uuid(), createdAt: z.iso.datetime(), revokedAt: z.iso.datetime().nullable() }).nullable(),
  /** The self-hosted CRX releases, newest first. */
  releases: z.array(z.object({ version: z.string(), file: z.string() })),
  files: z.array(RolloutFileInfo),
});
export type RolloutInfo = z.infer<typeof RolloutInfo>;

/**
 * `PUT /v1/rollout`: saves the options; `rotateToken: true` (or no rollout token yet) creates a new
 * enrollment token for the files (the previous one stays valid until revoked in
 * `/v1/enrollment-tokens`, so devices already deployed keep enrolling).
 */
export const PutRolloutRequest = z.strictObject({
  options: RolloutOptions.prefault({}),
  rotateToken: z.boolean().default(false),
});

export const RolloutFileParams = z.strictObject({ name: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,80}$/, 'a rollout file name') });

/** `GET /extension/:file`: `daylight-VERSION.crx`, `daylight-VERSION.xpi` or `daylight-latest.xpi`. */
export const ExtensionFileParams = z.strictObject({
  file: z.string().regex(/^daylight-(?:\d{1,5}(?:\.\d{1,5}){0,3}\.(?:crx|xpi)|latest\.xpi)$/, 'daylight-VERSION.crx or .xpi'),
});
