import { arch, hostname, platform } from 'node:os';
import { BUILTIN_APPS } from '../../shared/catalog/apps.ts';
import { PRODUCT } from '../../shared/version.ts';

/** What the agent reports about itself; the tray shows it and `daylight-agent status` prints it. */
export interface AgentStatus {
  product: string;
  version: string;
  platform: string;
  arch: string;
  hostname: string;
  enrolled: boolean;
  catalogApps: number;
  protection: 'active' | 'paused' | 'not-configured';
}

export function agentStatus(): AgentStatus {
  return {
    product: PRODUCT.name,
    version: PRODUCT.version,
    platform: platform(),
    arch: arch(),
    hostname: hostname(),
    enrolled: false,
    catalogApps: BUILTIN_APPS.length,
    protection: 'not-configured',
  };
}

export function formatStatus(s: AgentStatus): string {
  return [
    `${s.product} agent ${s.version} on ${s.platform}/${s.arch} (${s.hostname})`,
    `enrolled: ${s.enrolled ? 'yes' : 'no'}`,
    `protection: ${s.protection}`,
    `AI apps in catalog: ${s.catalogApps}`,
  ].join('\n');
}
