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

/** Every host pattern of the catalog as an extension match pattern (`https://host/*`). */
export function matchPatterns(apps: readonly AiApp[] = BUILTIN_APPS): string[] {
  const out = new Set<string>();
  for (const app of apps) for (const d of app.domains) out.add(`https://${d}/*`);
  return [...out].sort();
}
