import type { SiteAdapter } from './types.ts';

export const copilot: SiteAdapter = {
  id: 'copilot',
  hosts: ['copilot.microsoft.com'],
  composer: ['textarea#userInput', 'textarea[placeholder^="Message Copilot"]'],
  send: ['button[title="Submit message"]', 'button[aria-label="Submit message"]'],
  editor: 'textarea',
};
