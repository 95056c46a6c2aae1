import { describe, expect, it } from 'vitest';
import { PolicyDocument, POLICY_SCHEMA_VERSION } from '../../shared/policy/index.ts';
import { blockRules, sanctionedAlternatives } from './blocking.ts';

const PAGE = 'chrome-extension://abc/ui/blocked/index.html';

describe('blockRules', () => {
  const policy = PolicyDocument.parse({
    schemaVersion: POLICY_SCHEMA_VERSION,
    apps: {
      rules: [
        { apps: ['chatgpt'], action: 'sanctioned' },
        { apps: ['deepseek'], groups: ['research'], action: 'monitored' },
        { apps: ['deepseek', 'poe'], action: 'block' },
      ],
    },
    exceptions: [{ id: 'ex1', users: ['bo@acme.test'], apps: ['poe'], until: '2999-01-01T00:00:00Z' }],
  });

  it('redirects navigations to blocked apps to the block page, keeping the URL', () => {
    const rules = blockRules(policy, { userId: 'ana@acme.test' }, PAGE);
    const ids = rules.map((r) => r.action.redirect.regexSubstitution.match(/app=([^&]+)/)?.[1]);
    expect(ids.sort()).toEqual(['deepseek', 'poe']);
    const deepseek = rules.find((r) => r.action.redirect.regexSubstitution.includes('app=deepseek'));
    expect(deepseek?.condition.requestDomains).toContain('chat.deepseek.com');
    expect(deepseek?.condition.resourceTypes).toEqual(['main_frame', 'sub_frame']);
    expect(deepseek?.action.redirect.regexSubstitution).toBe(`${PAGE}?app=deepseek&url=\\0`);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it('follows groups and exceptions of the user', () => {
    const research = blockRules(policy, { userId: 'ana@acme.test', groups: ['research'] }, PAGE);
    expect(research.map((r) => r.action.redirect.regexSubstitution)).not.toContain(`${PAGE}?app=deepseek&url=\\0`);
    const bo = blockRules(policy, { userId: 'bo@acme.test' }, PAGE);
    expect(bo.some((r) => r.action.redirect.regexSubstitution.includes('app=poe'))).toBe(false);
  });

  it('blocks nothing under the default policy, and every web app when the default is block', () => {
    expect(blockRules(PolicyDocument.parse({ schemaVersion: POLICY_SCHEMA_VERSION }), {}, PAGE)).toEqual([]);
    const all = blockRules(PolicyDocument.parse({ schemaVersion: POLICY_SCHEMA_VERSION, apps: { defaultAction: 'block' } }), {}, PAGE);
    expect(all.length).toBeGreaterThan(100);
  });

  it('offers the sanctioned apps as alternatives', () => {
    expect(sanctionedAlternatives(policy, {}).map((a) => a.id)).toEqual(['chatgpt']);
  });
});
