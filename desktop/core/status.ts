import { arch, hostname, platform } from 'node:os';
import { BUILTIN_APPS } from '../../shared/catalog/apps.ts';
import { PRODUCT } from '../../shared/version.ts';
import type { AgentState } from './agent.ts';

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
  /** Present when a managed configuration was found. */
  deviceId?: string;
  policyVersion?: number;
  queue?: { queued: number; dropped: number };
  configPath?: string;
  stateDir?: string;
}

/** The status of this machine; `state` comes from a configured agent, absent on an unmanaged one. */
export function agentStatus(state?: AgentState, where?: { configPath: string; stateDir: string }): AgentStatus {
  return {
    product: PRODUCT.name,
    version: PRODUCT.version,
    platform: platform(),
    arch: arch(),
    hostname: hostname(),
    enrolled: state?.enrolled ?? false,
    catalogApps: BUILTIN_APPS.length,
    protection: !state ? 'not-configured' : state.paused ? 'paused' : 'active',
    ...(state?.deviceId ? { deviceId: state.deviceId } : {}),
    ...(state?.policyVersion ? { policyVersion: state.policyVersion } : {}),
    ...(state ? { queue: { queued: state.queue.queued, dropped: state.queue.dropped } } : {}),
    ...(where ?? {}),
  };
}

export function formatStatus(s: AgentStatus): string {
  return [
    `${s.product} agent ${s.version} on ${s.platform}/${s.arch} (${s.hostname})`,
    `enrolled: ${s.enrolled ? `yes${s.deviceId ? ` (device ${s.deviceId})` : ''}` : 'no'}`,
    `protection: ${s.protection}`,
    ...(s.policyVersion ? [`policy version: ${s.policyVersion}`] : []),
    ...(s.queue ? [`events queued: ${s.queue.queued}, dropped: ${s.queue.dropped}`] : []),
    ...(s.configPath ? [`configuration: ${s.configPath}`] : []),
    ...(s.stateDir ? [`state: ${s.stateDir}`] : []),
    `AI apps in catalog: ${s.catalogApps}`,
  ].join('\n');
}
