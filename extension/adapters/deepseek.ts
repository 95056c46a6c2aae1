import type { SiteAdapter } from './types.ts';

export const deepseek: SiteAdapter = {
  id: 'deepseek',
  hosts: ['chat.deepseek.com'],
  composer: ['textarea#chat-input', 'textarea[placeholder^="Message DeepSeek"]'],
  send: ['[role="button"][aria-label="Send"]', 'div[role="button"][aria-disabled="false"]'],
  editor: 'textarea',
};
