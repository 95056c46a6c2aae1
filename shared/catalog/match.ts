import { BUILTIN_APPS } from './apps.ts';
import type { AiApp } from './schema.ts';

/**
 * Finds the catalog app a host belongs to: the host equals one of the app's domains or is a
 * subdomain of one. The most specific domain wins.
 *
 * @example
 * ```ts
 * findAppByHost('chatgpt.com')?.id; // 'chatgpt'
 * findAppByHost('example.com');     // undefined
 * ```
 */
export function findAppByHost(host: string, apps: readonly AiApp[] = BUILTIN_APPS): AiApp | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  let best: AiApp | undefined;
  let bestLen = -1;
  for (const app of apps) {
    for (const d of app.domains) {
      if ((h === d || h.endsWith(`.${d}`)) && d.length > bestLen) {
        best = app;
        bestLen = d.length;
      }
    }
  }
  return best;
}

/**
 * The content-script match patterns of the catalog: `https://*.DOMAIN/*` for each domain, which in
 * Chrome's match-pattern syntax covers DOMAIN itself and every subdomain, the same hosts
 * {@link findAppByHost} accepts. A domain already covered by another listed domain (`sora.chatgpt.com`
 * under `chatgpt.com`) adds no pattern. Deduplicated and sorted, so the manifest is stable.
 *
 * @example
 * ```ts
 * matchPatterns(); // [..., 'https://*.chatgpt.com/*', 'https://*.claude.ai/*', ...]
 * ```
 */
export function matchPatterns(apps: readonly AiApp[] = BUILTIN_APPS): string[] {
  const domains = new Set<string>();
  for (const app of apps) for (const d of app.domains) domains.add(d.toLowerCase());
  const out: string[] = [];
  for (const d of domains) if (!hasListedAncestor(d, domains)) out.push(`https://*.${d}/*`);
  return out.sort();
}

/** True when a proper parent domain of `d` (`chatgpt.com` for `sora.chatgpt.com`) is in `domains`. */
function hasListedAncestor(d: string, domains: ReadonlySet<string>): boolean {
  for (let i = d.indexOf('.'); i !== -1; i = d.indexOf('.', i + 1)) {
    if (domains.has(d.slice(i + 1))) return true;
  }
  return false;
}
