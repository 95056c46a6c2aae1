import type { AppCategory } from '../catalog/schema.ts';
import type { Finding } from '../detect/types.ts';
import type { AccountType, AppAction, AppRule, DataAction, DataRule, PolicyDocument, PolicyException } from './schema.ts';

/** Who is using which app, as far as the device knows. */
export interface Subject {
  appId: string;
  category?: AppCategory;
  /** The user id as enrolled (e-mail/UPN or its pseudonym); needed for user exceptions. */
  userId?: string;
  groups?: readonly string[];
  accountType?: AccountType;
  /** Clock for exceptions; defaults to the current time. */
  now?: Date;
}

/**
 * The groups a device decides for: those MDM configured, then the user's directory groups (SCIM,
 * `GET /v1/device/directory`), each once. The extension and the desktop agent both use it.
 */
export function subjectGroups(mdm: readonly string[], directory: readonly string[]): string[] {
  return [...new Set([...mdm, ...directory])];
}

export interface AppDecision {
  action: AppAction;
  message?: string;
  /** Index of the deciding rule; undefined when the default applied. */
  rule?: number;
  /** Id of the exception that allowed it. */
  exception?: string;
}

export interface DataDecision {
  action: DataAction;
  message: string;
  rule?: number;
  /** Id of the exception that allowed it. */
  exception?: string;
  /** The findings the deciding rule counted (all findings when the default applied). */
  findings: Finding[];
}

function inScope(rule: AppRule | DataRule, s: Subject): boolean {
  if (rule.apps && !rule.apps.includes(s.appId)) return false;
  if (rule.categories && (!s.category || !rule.categories.includes(s.category))) return false;
  if (rule.groups && !rule.groups.some((g) => s.groups?.includes(g))) return false;
  if (rule.accountTypes && !rule.accountTypes.includes(s.accountType ?? 'unknown')) return false;
  return true;
}

/** The unexpired exceptions that apply to this user (or one of their groups) on this app. */
function exceptionsFor(policy: PolicyDocument, s: Subject): PolicyException[] {
  if (!policy.exceptions.length) return [];
  const now = (s.now ?? new Date()).getTime();
  return policy.exceptions.filter(
    (e) =>
      Date.parse(e.until) > now &&
      (!e.apps || e.apps.includes(s.appId)) &&
      ((e.users !== undefined && s.userId !== undefined && e.users.includes(s.userId)) ||
        (e.groups?.some((g) => s.groups?.includes(g)) ?? false)),
  );
}

/**
 * What using this app means under the policy: an exception without data types allows it;
 * otherwise the first app rule in scope decides, else the default action.
 *
 * @example
 * decideApp(defaultPolicy(), { appId: 'chatgpt', category: 'chat' }).action; // 'monitored'
 */
export function decideApp(policy: PolicyDocument, subject: Subject): AppDecision {
  const granted = exceptionsFor(policy, subject).find((e) => !e.types);
  if (granted) return { action: 'monitored', exception: granted.id };
  const i = policy.apps.rules.findIndex((r) => inScope(r, subject));
  const rule = policy.apps.rules[i];
  if (!rule) return { action: policy.apps.defaultAction };
  const fallback =
    rule.action === 'warn' || rule.action === 'justify' || rule.action === 'block' ? policy.messages[rule.action] : undefined;
  return { action: rule.action, message: rule.message ?? fallback, rule: i };
}

/**
 * What happens to text carrying `findings` on its way to the app: the first data rule in scope
 * whose types occur at least `minCount` times at `minConfidence` or more decides, else the default.
 *
 * @example
 * decideData(defaultPolicy(), [{ type: 'aws_access_key', start: 0, end: 20, confidence: 0.95 }], { appId: 'chatgpt' }).action; // 'block'
 */
export function decideData(policy: PolicyDocument, findings: readonly Finding[], subject: Subject): DataDecision {
  const exceptions = exceptionsFor(policy, subject);
  if (exceptions.length && findings.length) {
    // Allowed when every finding's type is covered by an exception (one without types covers all).
    const covering = findings.map((f) => exceptions.find((e) => !e.types || (e.types as readonly string[]).includes(f.type)));
    if (covering.every((e) => e !== undefined))
      return { action: 'allow', message: '', exception: covering[0]?.id, findings: [...findings] };
  }
  for (let i = 0; i < policy.data.rules.length; i++) {
    const rule = policy.data.rules[i] as DataRule;
    if (!inScope(rule, subject)) continue;
    const counted = findings.filter((f) => (rule.types as readonly string[]).includes(f.type) && f.confidence >= rule.minConfidence);
    if (counted.length < rule.minCount) continue;
    return { action: rule.action, message: rule.message ?? messageFor(policy, rule.action), rule: i, findings: counted };
  }
  const action = policy.data.defaultAction;
  return { action, message: messageFor(policy, action), findings: [...findings] };
}

function messageFor(policy: PolicyDocument, action: DataAction): string {
  return action === 'allow' ? '' : policy.messages[action];
}
