import { describe, expect, it } from 'vitest';
import { BUILTIN_APPS } from './apps.ts';
import { AiApp, AppCategory, appSurfaces } from './schema.ts';

/**
 * Sites that are not AI apps as a whole: listing one would put the content script on every page of
 * it. AI products on them are listed by their own subdomain (gemini.google.com), or left out (see
 * docs/catalog.md). Includes domains that serve users' own sites (vercel.app), which are not AI
 * apps even when an AI builder made them.
 */
const GENERAL_PURPOSE = [
  // search engines, portals and big platforms
  'google.com',
  'withgoogle.com',
  'googleusercontent.com',
  'bing.com',
  'microsoft.com',
  'cloud.microsoft',
  'm365.cloud.microsoft',
  'office.com',
  'live.com',
  'azure.com',
  'github.com',
  'gitlab.com',
  'x.com',
  'twitter.com',
  'facebook.com',
  'instagram.com',
  'whatsapp.com',
  'linkedin.com',
  'amazon.com',
  'aws.amazon.com',
  'apple.com',
  'adobe.com',
  'yandex.ru',
  'baidu.com',
  'aliyun.com',
  'alibabacloud.com',
  'tencent.com',
  'qq.com',
  'bytedance.com',
  'capcut.com',
  'naver.com',
  'proton.me',
  'duckduckgo.com',
  'brave.com',
  'search.brave.com',
  'kagi.com',
  'yahoo.com',
  'youtube.com',
  'tiktok.com',
  'reddit.com',
  'discord.com',
  'slack.com',
  'telegram.org',
  // general productivity and design suites with AI features inside
  'notion.so',
  'notion.com',
  'canva.com',
  'figma.com',
  'zapier.com',
  'atlassian.net',
  'atlassian.com',
  'salesforce.com',
  'zoom.us',
  'dropbox.com',
  'box.com',
  'evernote.com',
  'clickup.com',
  'airtable.com',
  'miro.com',
  'coda.io',
  'stackblitz.com',
  'sourcegraph.com',
  'vercel.com',
  'wix.com',
  // hosts of users' own sites and apps
  'vercel.app',
  'netlify.app',
  'github.io',
  'pages.dev',
  'workers.dev',
  'web.app',
  'firebaseapp.com',
  'herokuapp.com',
  'replit.app',
  'repl.co',
  'lovable.app',
  'base44.app',
  'streamlit.app',
  'gradio.live',
  'ngrok.io',
  'ngrok-free.app',
];

const apps = BUILTIN_APPS;

describe('built-in catalog', () => {
  it('parses with the schema, entry by entry', () => {
    for (const app of apps) {
      const r = AiApp.safeParse(app);
      expect(r.success, `${app.id}: ${r.error?.message ?? ''}`).toBe(true);
    }
  });

  it('has at least 150 apps and uses every category', () => {
    expect(apps.length).toBeGreaterThanOrEqual(150);
    const used = new Set(apps.map((a) => a.category));
    for (const c of AppCategory.options) expect(used.has(c), `category ${c} unused`).toBe(true);
  });

  it('ids are unique and sorted', () => {
    const ids = apps.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
  });

  it('no domain is listed twice, and no app lists a domain its other domain already covers', () => {
    const owner = new Map<string, string>();
    for (const app of apps) {
      for (const d of app.domains) {
        expect(owner.get(d), `${d} listed by ${owner.get(d)} and ${app.id}`).toBeUndefined();
        owner.set(d, app.id);
      }
      for (const d of app.domains) {
        for (const other of app.domains) {
          if (other !== d) expect(d.endsWith(`.${other}`), `${app.id}: ${d} is already covered by ${other}`).toBe(false);
        }
      }
    }
  });

  it('no domain is a general-purpose site or a host of users own sites', () => {
    const deny = new Set(GENERAL_PURPOSE);
    for (const app of apps) {
      for (const d of app.domains) {
        expect(deny.has(d), `${app.id} lists ${d}`).toBe(false);
      }
    }
  });

  it('desktop process names, bundle ids, commands and ports each belong to one app', () => {
    const seen = new Map<string, string>();
    const claim = (key: string, id: string) => {
      expect(seen.get(key), `${key} claimed by ${seen.get(key)} and ${id}`).toBeUndefined();
      seen.set(key, id);
    };
    for (const app of apps) {
      for (const p of app.desktop?.processNames ?? []) claim(`process:${p.toLowerCase()}`, app.id);
      for (const b of app.desktop?.macBundleIds ?? []) claim(`bundle:${b.toLowerCase()}`, app.id);
      for (const c of app.cli ?? []) claim(`cli:${c}`, app.id);
      for (const p of app.localPorts ?? []) claim(`port:${p}`, app.id);
    }
  });

  it('every app has at least one surface and a note', () => {
    for (const app of apps) {
      expect(appSurfaces(app).length, app.id).toBeGreaterThan(0);
      expect(app.notes.trim().length, app.id).toBeGreaterThan(10);
    }
  });

  it.each([
    ['ollama', ['desktop', 'cli']],
    ['chatgpt', ['browser', 'desktop']],
    ['claude-code', ['cli']],
    ['perplexity', ['browser', 'desktop']],
  ])('%s is seen on %j', (id, surfaces) => {
    const app = apps.find((a) => a.id === id);
    expect(app).toBeDefined();
    expect(appSurfaces(app!)).toEqual(surfaces);
  });
});

describe('AiApp schema', () => {
  const base = { id: 'example-ai', name: 'Example AI', vendor: 'Example', category: 'chat', risk: 'medium', notes: 'n' } as const;

  it.each([
    [{ ...base, domains: ['chat.example.com'] }],
    [{ ...base, domains: ['example.ai', 'example.google'] }],
    [{ ...base, domains: [], cli: ['example'] }],
    [{ ...base, domains: [], localPorts: [8765] }],
    [{ ...base, domains: [], desktop: { processNames: ['Example AI'] } }],
    [{ ...base, domains: [], desktop: { macBundleIds: ['com.example.ai'] } }],
  ])('accepts %j', (app) => {
    expect(AiApp.safeParse(app).success).toBe(true);
  });

  it.each([
    ['no surface at all', { ...base, domains: [] }],
    ['an upper-case host', { ...base, domains: ['Chat.Example.com'] }],
    ['a URL instead of a host', { ...base, domains: ['https://chat.example.com'] }],
    ['a path', { ...base, domains: ['example.com/chat'] }],
    ['a bare label', { ...base, domains: ['localhost'] }],
    ['a wildcard', { ...base, domains: ['*.example.com'] }],
    ['an empty label', { ...base, domains: ['chat..example.com'] }],
    ['a label starting with a hyphen', { ...base, domains: ['-chat.example.com'] }],
    ['an id with capitals', { ...base, id: 'Example', domains: ['example.com'] }],
    ['an id over 64 characters', { ...base, id: 'a'.repeat(65), domains: ['example.com'] }],
    ['an unknown category', { ...base, category: 'gaming', domains: ['example.com'] }],
    ['a process name with .exe', { ...base, domains: [], desktop: { processNames: ['Example.EXE'] } }],
    ['a process name with a path', { ...base, domains: [], desktop: { processNames: ['C:\\Apps\\example'] } }],
    ['an empty desktop object', { ...base, domains: [], desktop: {} }],
    ['a bundle id without dots', { ...base, domains: [], desktop: { macBundleIds: ['example'] } }],
    ['a command with a space', { ...base, domains: [], cli: ['example chat'] }],
    ['an empty command list', { ...base, domains: [], cli: [] }],
    ['port 0', { ...base, domains: [], localPorts: [0] }],
    ['port 65536', { ...base, domains: [], localPorts: [65536] }],
  ])('refuses %s', (_what, app) => {
    expect(AiApp.safeParse(app).success).toBe(false);
  });

  it('strips unknown keys so older clients read newer entries', () => {
    const r = AiApp.parse({ ...base, domains: ['example.com'], futureField: 1 });
    expect(r).not.toHaveProperty('futureField');
  });
});
