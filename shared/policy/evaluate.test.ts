import { describe, expect, it } from 'vitest';
import type { Finding } from '../detect/types.ts';
import { decideApp, decideData, subjectGroups } from './evaluate.ts';
import { defaultPolicy, PolicyDocument, POLICY_SCHEMA_VERSION } from './schema.ts';

const f = (type: Finding['type'], confidence = 0.95): Finding => ({ type, start: 0, end: 1, confidence });

describe('decideData', () => {
  const policy = defaultPolicy();

  it('blocks secrets under the default policy', () => {
    const d = decideData(policy, [f('email'), f('github_token')], { appId: 'chatgpt' });
    expect(d.action).toBe('block');
    expect(d.findings.map((x) => x.type)).toEqual(['github_token']);
    expect(d.message).toMatch(/does not allow/);
  });

  it('ignores findings below the rule confidence', () => {
    expect(decideData(policy, [f('password', 0.6)], { appId: 'chatgpt' }).action).toBe('allow');
  });

  it('needs minCount findings', () => {
    const four = Array.from({ length: 4 }, () => f('email'));
    expect(decideData(policy, four, { appId: 'x' }).action).toBe('allow');
    expect(decideData(policy, [...four, f('phone')], { appId: 'x' }).action).toBe('warn');
  });

  it('takes the first rule in scope, per app, group and account type', () => {
    const p = PolicyDocument.parse({
      schemaVersion: POLICY_SCHEMA_VERSION,
      data: {
        defaultAction: 'warn',
        rules: [
          { apps: ['chatgpt'], accountTypes: ['corporate'], types: ['email'], action: 'allow' },
          { groups: ['finance'], types: ['email'], action: 'redact', message: 'Finance: redacted.' },
          { types: ['email'], action: 'justify' },
        ],
      },
    });
    expect(decideData(p, [f('email')], { appId: 'chatgpt', accountType: 'corporate' }).action).toBe('allow');
    expect(decideData(p, [f('email')], { appId: 'chatgpt', accountType: 'personal' }).action).toBe('justify');
    const fin = decideData(p, [f('email')], { appId: 'claude', groups: ['finance'] });
    expect([fin.action, fin.message, fin.rule]).toEqual(['redact', 'Finance: redacted.', 1]);
    expect(decideData(p, [f('iban')], { appId: 'claude' }).action).toBe('warn');
  });
});

describe('decideApp', () => {
  it('uses rules by category and the default', () => {
    const p = PolicyDocument.parse({
      schemaVersion: POLICY_SCHEMA_VERSION,
      apps: {
        defaultAction: 'warn',
        rules: [
          { apps: ['chatgpt'], action: 'sanctioned' },
          { categories: ['companion'], action: 'block' },
        ],
      },
    });
    expect(decideApp(p, { appId: 'chatgpt', category: 'chat' }).action).toBe('sanctioned');
    const b = decideApp(p, { appId: 'character-ai', category: 'companion' });
    expect([b.action, b.rule]).toEqual(['block', 1]);
    expect(b.message).toMatch(/does not allow/);
    expect(decideApp(p, { appId: 'poe', category: 'chat' })).toEqual({ action: 'warn' });
  });
});

describe('time-limited exceptions', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const p = PolicyDocument.parse({
    schemaVersion: POLICY_SCHEMA_VERSION,
    apps: { rules: [{ apps: ['deepseek'], action: 'block' }] },
    data: { rules: [{ types: ['aws_access_key', 'email'], action: 'block' }] },
    exceptions: [
      { id: 'ex-ana', users: ['ana@acme.test'], apps: ['chatgpt'], types: ['email'], until: '2026-06-01T13:00:00Z', reason: 'vendor list' },
      { id: 'ex-research', groups: ['research'], apps: ['deepseek'], until: '2026-06-02T00:00:00Z' },
    ],
  });

  it('allows the named user, app and type until the exception expires', () => {
    const subject = { appId: 'chatgpt', userId: 'ana@acme.test', now };
    const d = decideData(p, [f('email')], subject);
    expect([d.action, d.exception]).toEqual(['allow', 'ex-ana']);
    expect(decideData(p, [f('email')], { ...subject, now: new Date('2026-06-01T13:00:01Z') }).action).toBe('block');
  });

  it('does not cover other users, apps or types', () => {
    expect(decideData(p, [f('email')], { appId: 'chatgpt', userId: 'bo@acme.test', now }).action).toBe('block');
    expect(decideData(p, [f('email')], { appId: 'claude', userId: 'ana@acme.test', now }).action).toBe('block');
    // One uncovered finding is enough to fall back to the rules.
    expect(decideData(p, [f('email'), f('aws_access_key')], { appId: 'chatgpt', userId: 'ana@acme.test', now }).action).toBe('block');
  });

  it('an exception without types allows the app itself for its groups', () => {
    expect(decideApp(p, { appId: 'deepseek', groups: ['research'], now })).toEqual({ action: 'monitored', exception: 'ex-research' });
    expect(decideApp(p, { appId: 'deepseek', groups: ['sales'], now }).action).toBe('block');
    expect(decideApp(p, { appId: 'deepseek', groups: ['research'], now: new Date('2026-06-02T00:00:00Z') }).action).toBe('block');
  });

  it('rejects an exception that names nobody', () => {
    const r = PolicyDocument.safeParse({
      schemaVersion: POLICY_SCHEMA_VERSION,
      exceptions: [{ id: 'x', apps: ['chatgpt'], until: '2026-06-01T13:00:00Z' }],
    });
    expect(r.success).toBe(false);
  });
});

describe('subjectGroups', () => {
  it('keeps MDM groups first, adds directory groups once', () => {
    expect(subjectGroups(['research', 'all'], ['AI Pilot', 'research'])).toEqual(['research', 'all', 'AI Pilot']);
    expect(subjectGroups([], ['AI Pilot'])).toEqual(['AI Pilot']);
    expect(subjectGroups(['x'], [])).toEqual(['x']);
  });
});
