import { chatgpt } from './chatgpt.ts';
import { claude } from './claude.ts';
import { copilot } from './copilot.ts';
import { deepseek } from './deepseek.ts';
import { gemini } from './gemini.ts';
import { generic } from './generic.ts';
import { mistral } from './mistral.ts';
import { perplexity } from './perplexity.ts';
import { poe } from './poe.ts';
import type { SiteAdapter } from './types.ts';

/** The one list of site adapters; `generic` serves every other AI site of the catalog. */
export const ADAPTERS: readonly SiteAdapter[] = [chatgpt, claude, gemini, copilot, perplexity, deepseek, mistral, poe];

export function adapterForHost(host: string): SiteAdapter {
  const h = host.toLowerCase();
  return ADAPTERS.find((a) => a.hosts.some((d) => h === d || h.endsWith(`.${d}`))) ?? generic;
}
