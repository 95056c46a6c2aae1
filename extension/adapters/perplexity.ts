import type { SiteAdapter } from './types.ts';

export const perplexity: SiteAdapter = {
  id: 'perplexity',
  hosts: ['perplexity.ai'],
  composer: ['textarea[placeholder^="Ask anything"]', '#ask-input', 'div[contenteditable="true"][data-lexical-editor="true"]'],
  send: ['button[aria-label="Submit"]', 'button[data-testid="submit-button"]'],
  editor: 'auto',
};
