import { z } from 'zod';

/** Where an AI app is used: in a browser tab, a desktop application, or a command-line tool. */
export const Surface = z.enum(['browser', 'desktop', 'cli']);
export type Surface = z.infer<typeof Surface>;

/**
 * What an AI app is mainly for. Policy rules can target categories, so a value, once published,
 * is never renamed or removed (an older client would reject a policy naming an unknown one).
 * `companion` is separate from `chat` because admins treat role-play/companion apps differently
 * from work assistants.
 */
export const AppCategory = z.enum([
  'chat',
  'companion',
  'coding',
  'search',
  'image',
  'video',
  'audio',
  'writing',
  'productivity',
  'agent',
  'local-model',
  'developer-platform',
  'other',
]);
export type AppCategory = z.infer<typeof AppCategory>;

/**
 * A host name as the content script sees it: lower-case labels of letters, digits and inner
 * hyphens, at least two labels, a letters-only top-level label (`.ai`, `.google`, `.microsoft`).
 */
const Host = z
  .string()
  .max(253)
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a lower-case host name such as chat.example.com');

/**
 * How the desktop agent recognises the app's desktop application.
 * - `processNames`: executable names as the OS lists them, without directory and without `.exe`;
 *   compared case-insensitively (Windows and macOS file names are case-insensitive).
 * - `macBundleIds`: macOS `CFBundleIdentifier`s, exact.
 */
export const DesktopApp = z
  .object({
    processNames: z
      .array(
        z
          .string()
          .max(128)
          .regex(/^[A-Za-z0-9][A-Za-z0-9 ._+-]*$/, 'an executable name')
          .refine((n) => !/\.exe$/i.test(n), 'leave out the .exe suffix'),
      )
      .min(1)
      .optional(),
    macBundleIds: z
      .array(z.string().regex(/^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/, 'a reverse-DNS bundle identifier'))
      .min(1)
      .optional(),
  })
  .refine((d) => d.processNames !== undefined || d.macBundleIds !== undefined, 'give processNames, macBundleIds or both');
export type DesktopApp = z.infer<typeof DesktopApp>;

/**
 * One generative-AI application of the catalog. Data, not code: tenants may add entries or
 * replace built-in ones (same id) through their policy (`catalog.add`), or drop them
 * (`catalog.remove`). See docs/catalog.md.
 *
 * Unknown keys are stripped, not refused, so an older client still reads a policy that carries
 * fields added later.
 */
export const AiApp = z
  .object({
    /** Stable id, kebab-case, never reused; policies and events refer to apps by it. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case kebab-case, max 64'),
    name: z.string().min(1).max(200),
    vendor: z.string().min(1).max(200),
    category: AppCategory,
    /**
     * Hosts the app's web UI is served from. A host matches when it equals one of them or is a
     * subdomain of one, and the content script runs on each of them and all their subdomains, so
     * never list a general-purpose site (google.com) or a domain serving users' own content
     * (vercel.app). Empty for apps that have no web UI (local model runners, CLIs).
     */
    domains: z.array(Host).max(50),
    risk: z.enum(['low', 'medium', 'high']),
    /** Why the risk is what it is: training on inputs, retention, jurisdiction, account types. */
    notes: z.string().max(1000),
    /** The app's desktop application, for the desktop agent. */
    desktop: DesktopApp.optional(),
    /** Command names of the app's command-line tools (`claude`, `codex`, `ollama`). */
    cli: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'a lower-case command name'))
      .min(1)
      .optional(),
    /** TCP ports a local model server of the app listens on by default (a hint, not proof). */
    localPorts: z.array(z.number().int().min(1).max(65535)).min(1).optional(),
  })
  .refine((a) => a.domains.length > 0 || a.desktop !== undefined || a.cli !== undefined || a.localPorts !== undefined, {
    message: 'an app needs domains, or at least one of desktop, cli, localPorts',
    path: ['domains'],
  });
export type AiApp = z.infer<typeof AiApp>;

/**
 * The surfaces an app can be seen on, derived from its fields: `browser` when it has domains,
 * `desktop` when it has a desktop application or a local server, `cli` when it has commands.
 */
export function appSurfaces(app: AiApp): Surface[] {
  const out: Surface[] = [];
  if (app.domains.length > 0) out.push('browser');
  if (app.desktop !== undefined || app.localPorts !== undefined) out.push('desktop');
  if (app.cli !== undefined) out.push('cli');
  return out;
}
