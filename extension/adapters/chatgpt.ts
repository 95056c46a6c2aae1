import type { SiteAdapter } from './types.ts';

export const chatgpt: SiteAdapter = {
  id: 'chatgpt',
  hosts: ['chatgpt.com', 'chat.openai.com'],
  composer: ['#prompt-textarea', 'div.ProseMirror[contenteditable="true"]', 'textarea[data-id="root"]'],
  send: ['[data-testid="send-button"]', 'button[aria-label="Send prompt"]'],
  editor: 'prosemirror',
  corporateHints: ['[data-testid="workspace-name"]', '[data-testid="accounts-profile-button"] [data-workspace]'],
};
