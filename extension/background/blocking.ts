import type { AiApp } from '../../shared/catalog/schema.ts';
import { decideApp, effectiveCatalog, type PolicyDocument, type Subject } from '../../shared/policy/index.ts';

/** A declarativeNetRequest dynamic rule, as Chrome, Edge and Firefox take it. */
export interface RedirectRule {
  id: number;
  priority: number;
  action: { type: 'redirect'; redirect: { regexSubstitution: string } };
  condition: { regexFilter: string; requestDomains: string[]; resourceTypes: ('main_frame' | 'sub_frame')[] };
}

/** Rule ids 1..MAX_RULES belong to app blocking; they are replaced as a whole on every policy change. */
export const MAX_RULES = 4000;

/**
 * The redirect rules for the apps this user may not use: every navigation (top-level or frame) to
 * one of their domains goes to the extension's block page, which explains why, names the
 * sanctioned alternatives and lets the user ask for access. The original URL rides along as the
 * last query parameter.
 *
 * @param blockPage absolute URL of the extension's block page (`runtime.getURL(...)`)
 */
export function blockRules(policy: PolicyDocument, subject: Omit<Subject, 'appId' | 'category'>, blockPage: string): RedirectRule[] {
  const rules: RedirectRule[] = [];
  for (const app of effectiveCatalog(policy)) {
    if (!app.domains.length || rules.length >= MAX_RULES) continue;
    if (decideApp(policy, { ...subject, appId: app.id, category: app.category }).action !== 'block') continue;
    rules.push({
      id: rules.length + 1,
      priority: 1,
      action: { type: 'redirect', redirect: { regexSubstitution: `${blockPage}?app=${encodeURIComponent(app.id)}&url=\\0` } },
      condition: { regexFilter: '^https?://.*$', requestDomains: [...app.domains], resourceTypes: ['main_frame', 'sub_frame'] },
    });
  }
  return rules;
}

/** Sanctioned apps (with a web UI) the block page offers instead, for this user. */
export function sanctionedAlternatives(policy: PolicyDocument, subject: Omit<Subject, 'appId' | 'category'>, limit = 5): AiApp[] {
  return effectiveCatalog(policy)
    .filter((a) => a.domains.length > 0 && decideApp(policy, { ...subject, appId: a.id, category: a.category }).action === 'sanctioned')
    .slice(0, limit);
}
