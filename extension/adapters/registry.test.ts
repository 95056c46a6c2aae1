import { describe, expect, it } from 'vitest';
import { findAppByHost } from '../../shared/catalog/match.ts';
import { ADAPTERS, adapterForHost } from './registry.ts';

describe('site adapters', () => {
  it.each([
    ['chatgpt.com', 'chatgpt'],
    ['chat.openai.com', 'chatgpt'],
    ['claude.ai', 'claude'],
    ['www.perplexity.ai', 'perplexity'],
    ['chat.mistral.ai', 'mistral-le-chat'],
    ['some-new-ai.example', 'generic'],
  ])('%s -> %s', (host, id) => {
    expect(adapterForHost(host).id).toBe(id);
  });

  it('every adapter names an app of the catalog that covers its hosts', () => {
    for (const a of ADAPTERS) {
      for (const h of a.hosts) expect(findAppByHost(h)?.id, `${a.id} ${h}`).toBe(a.id);
    }
  });

  it('every adapter has composer and send selectors that parse', () => {
    for (const a of ADAPTERS) {
      expect(a.composer.length).toBeGreaterThan(0);
      expect(a.send.length).toBeGreaterThan(0);
      for (const s of [...a.composer, ...a.send]) expect(() => parseSelector(s), `${a.id}: ${s}`).not.toThrow();
    }
  });
});

// Unit tests run in Node without a DOM: a light syntax check (balanced brackets and quotes).
function parseSelector(s: string): void {
  let depth = 0;
  let quote = '';
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '(') depth++;
    else if (ch === ']' || ch === ')') depth--;
    if (depth < 0) throw new Error('unbalanced');
  }
  if (depth !== 0 || quote) throw new Error('unbalanced');
}
