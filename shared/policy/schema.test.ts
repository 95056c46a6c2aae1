import { describe, expect, it } from 'vitest';
import { defaultPolicy, PolicyDocument } from './schema.ts';

describe('PolicyDocument', () => {
  it('fills defaults from a minimal document', () => {
    const p = PolicyDocument.parse({ schemaVersion: 1 });
    expect(p.apps).toEqual({ defaultAction: 'monitored', rules: [] });
    expect(p.data.defaultAction).toBe('allow');
    expect(p.privacy).toEqual({ tier: 'standard', pseudonymizeUsers: false, snippetRetentionDays: 30 });
    expect(p.messages.block).toMatch(/does not allow/);
  });

  it('the default policy blocks secrets and validates against the schema', () => {
    const p = defaultPolicy();
    expect(PolicyDocument.parse(p)).toEqual(p);
    expect(p.data.rules.find((r) => r.types.includes('aws_access_key'))?.action).toBe('block');
  });

  it('accepts app rules per app, category, group and account type, and tenant detectors', () => {
    const p = PolicyDocument.parse({
      schemaVersion: 1,
      apps: {
        defaultAction: 'warn',
        rules: [
          { apps: ['chatgpt'], accountTypes: ['corporate'], action: 'sanctioned' },
          { apps: ['chatgpt'], accountTypes: ['personal'], action: 'justify', message: 'Use the company workspace.' },
          { categories: ['image'], groups: ['Design'], action: 'monitored' },
          { apps: ['deepseek'], action: 'block' },
        ],
      },
      detectors: [{ kind: 'keywords', id: 'falcon', name: 'Project Falcon', words: ['Project Falcon'] }],
      data: { rules: [{ types: ['tenant:falcon', 'credit_card'], action: 'redact', minCount: 2 }] },
    });
    expect(p.apps.rules).toHaveLength(4);
    expect(p.data.rules[0]).toMatchObject({ minConfidence: 0.5, minCount: 2 });
  });

  it.each([
    ['an unknown top-level field', { schemaVersion: 1, snippets: true }],
    ['an unknown schema version', { schemaVersion: 2 }],
    ['an unknown app action', { schemaVersion: 1, apps: { rules: [{ action: 'allow' }] } }],
    ['an unknown data action', { schemaVersion: 1, data: { rules: [{ types: ['email'], action: 'sanctioned' }] } }],
    ['an unknown finding type', { schemaVersion: 1, data: { rules: [{ types: ['emial'], action: 'warn' }] } }],
    ['a rule naming a detector the policy lacks', { schemaVersion: 1, data: { rules: [{ types: ['tenant:nope'], action: 'warn' }] } }],
    [
      'two detectors with one id',
      {
        schemaVersion: 1,
        detectors: [
          { kind: 'keywords', id: 'x', name: 'a', words: ['alpha'] },
          { kind: 'regex', id: 'x', name: 'b', pattern: 'b+' },
        ],
      },
    ],
    ['a threshold above 1', { schemaVersion: 1, data: { rules: [{ types: ['email'], action: 'warn', minConfidence: 1.5 }] } }],
    ['a bad privacy tier', { schemaVersion: 1, privacy: { tier: 'everything' } }],
  ])('rejects %s', (_name, doc) => {
    expect(PolicyDocument.safeParse(doc).success).toBe(false);
  });
});
