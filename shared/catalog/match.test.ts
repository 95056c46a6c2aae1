import { describe, expect, it } from 'vitest';
import { BUILTIN_APPS } from './apps.ts';
import { findAppByHost, matchPatterns } from './match.ts';
import { AiApp } from './schema.ts';

describe('catalog', () => {
  it('every built-in app satisfies the schema and ids are unique', () => {
    const ids = new Set<string>();
    for (const app of BUILTIN_APPS) {
      expect(() => AiApp.parse(app)).not.toThrow();
      expect(ids.has(app.id)).toBe(false);
      ids.add(app.id);
    }
  });

  it.each([
    ['chatgpt.com', 'chatgpt'],
    ['CHATGPT.COM.', 'chatgpt'],
    ['claude.ai', 'claude'],
    ['www.perplexity.ai', 'perplexity'],
    ['gemini.google.com', 'gemini'],
  ])('%s belongs to %s', (host, id) => {
    expect(findAppByHost(host)?.id).toBe(id);
  });

  it.each(['example.com', 'google.com', 'notchatgpt.com', 'chatgpt.com.evil.io'])('%s is not an AI app', (host) => {
    expect(findAppByHost(host)).toBeUndefined();
  });

  it('match patterns are https host patterns', () => {
    const p = matchPatterns();
    expect(p).toContain('https://chatgpt.com/*');
    for (const m of p) expect(m).toMatch(/^https:\/\/[a-z0-9.-]+\/\*$/);
  });
});
