import type { PolicyDocument, AppAction } from '../../../shared/policy/schema.ts';
import { api } from './api.ts';

export interface Current {
  version: number;
  issuedAt: string | null;
  policy: PolicyDocument;
}

/** The tenant's current policy document (as published, defaults filled in). */
export async function currentPolicy(): Promise<Current> {
  const list = await api<{ current: number; versions: { version: number; issuedAt: string; createdBy: string }[] }>('/v1/policies');
  const signed = await api<{ version: number; issuedAt: string; policy: PolicyDocument }>(`/v1/policies/${list.current}`);
  return { version: signed.version, issuedAt: signed.issuedAt, policy: signed.policy };
}

export async function publish(policy: unknown, basedOnVersion: number): Promise<number> {
  const out = await api<{ version: number }>('/v1/policies', { method: 'POST', body: { policy, basedOnVersion } });
  return out.version;
}

/**
 * The policy with one app set to `action` for everyone: rules naming only this app (and no
 * groups or account types) are dropped, and one such rule goes first, so it decides.
 */
export function withAppAction(policy: PolicyDocument, appId: string, action: AppAction): PolicyDocument {
  const rules = policy.apps.rules.filter(
    (r) => !(r.apps && r.apps.length === 1 && r.apps[0] === appId && !r.groups && !r.accountTypes && !r.categories),
  );
  return { ...policy, apps: { ...policy.apps, rules: [{ apps: [appId], action }, ...rules] } };
}
