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
    // the most specific domain wins over a parent listed by another app
    ['sora.chatgpt.com', 'sora'],
    ['chat.openai.com', 'chatgpt'],
    ['platform.openai.com', 'openai-platform'],
    ['notebooklm.google.com', 'gemini-notebook'],
    ['aistudio.google.com', 'google-ai-studio'],
    ['stitch.withgoogle.com', 'google-stitch'],
    ['copilot.cloud.microsoft', 'microsoft-365-copilot'],
    ['app.heygen.com', 'heygen'],
    ['some-space.hf.space', 'huggingface'],
  ])('%s belongs to %s', (host, id) => {
    expect(findAppByHost(host)?.id).toBe(id);
  });

  it.each([
    'example.com',
    'google.com',
    'www.google.com',
    'mail.google.com',
    'github.com',
    'x.com',
    'm365.cloud.microsoft',
    'notchatgpt.com',
    'chatgpt.com.evil.io',
    'my-app.lovable.app',
    'openai.com',
  ])('%s is not an AI app', (host) => {
    expect(findAppByHost(host)).toBeUndefined();
  });
});

describe('matchPatterns', () => {
  it('gives one https wildcard-subdomain pattern per domain of the catalog', () => {
    const p = matchPatterns();
    expect(p).toContain('https://*.chatgpt.com/*');
    expect(p).toContain('https://*.gemini.google.com/*');
    for (const m of p) expect(m).toMatch(/^https:\/\/\*\.[a-z0-9-]+(\.[a-z0-9-]+)+\/\*$/);
  });

  it('is sorted and free of duplicates', () => {
    const p = matchPatterns();
    expect(p).toEqual([...new Set(p)].sort());
  });

  it('covers every catalog domain exactly as findAppByHost does', () => {
    const p = matchPatterns();
    const covered = (host: string) => p.some((m) => host === m.slice(10, -2) || host.endsWith(`.${m.slice(10, -2)}`));
    for (const app of BUILTIN_APPS) for (const d of app.domains) expect(covered(d), d).toBe(true);
    expect(covered('example.com')).toBe(false);
  });

  it('drops a domain already covered by a parent and dedupes across apps', () => {
    const app = (id: string, domains: string[]): AiApp => ({
      id,
      name: id,
      vendor: 'v',
      category: 'chat',
      domains,
      risk: 'low',
      notes: '',
    });
    const p = matchPatterns([
      app('a', ['example.com', 'chat.example.com']),
      app('b', ['sub.chat.example.com', 'other.ai']),
      app('c', ['other.ai']),
    ]);
    expect(p).toEqual(['https://*.example.com/*', 'https://*.other.ai/*']);
  });

  it('does not treat a longer sibling name as a parent', () => {
    const app = (id: string, domains: string[]): AiApp => ({
      id,
      name: id,
      vendor: 'v',
      category: 'chat',
      domains,
      risk: 'low',
      notes: '',
    });
    expect(matchPatterns([app('a', ['ample.com', 'example.com'])])).toEqual(['https://*.ample.com/*', 'https://*.example.com/*']);
  });

  it('is empty for apps without a web UI', () => {
    const cli: AiApp = { id: 'x', name: 'x', vendor: 'v', category: 'coding', domains: [], risk: 'low', notes: '', cli: ['x'] };
    expect(matchPatterns([cli])).toEqual([]);
  });
});
