import { describe, expect, it } from 'vitest';
import { BUILTIN_APPS } from '../catalog/apps.ts';
import { findAppByHost } from '../catalog/match.ts';
import { effectiveCatalog } from './catalog.ts';
import { PolicyDocument, POLICY_SCHEMA_VERSION } from './schema.ts';

describe('effectiveCatalog', () => {
  it('is the built-in catalog when the policy changes nothing', () => {
    expect(effectiveCatalog(PolicyDocument.parse({ schemaVersion: POLICY_SCHEMA_VERSION }))).toHaveLength(BUILTIN_APPS.length);
  });

  it('removes, replaces and adds apps', () => {
    const chatgpt = BUILTIN_APPS.find((a) => a.id === 'chatgpt');
    if (!chatgpt) throw new Error('catalog lost chatgpt');
    const policy = PolicyDocument.parse({
      schemaVersion: POLICY_SCHEMA_VERSION,
      catalog: {
        remove: ['poe'],
        add: [
          { ...chatgpt, name: 'ChatGPT Enterprise (Acme)' },
          {
            id: 'acme-gpt',
            name: 'Acme GPT',
            vendor: 'Acme',
            domains: ['gpt.acme.test'],
            category: 'chat',
            risk: 'low',
            notes: 'Internal deployment.',
          },
        ],
      },
    });
    const apps = effectiveCatalog(policy);
    expect(findAppByHost('poe.com', apps)).toBeUndefined();
    expect(findAppByHost('chatgpt.com', apps)?.name).toBe('ChatGPT Enterprise (Acme)');
    expect(findAppByHost('gpt.acme.test', apps)?.id).toBe('acme-gpt');
    expect(apps.filter((a) => a.id === 'chatgpt')).toHaveLength(1);
  });
});
