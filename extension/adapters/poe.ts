import type { SiteAdapter } from './types.ts';

export const poe: SiteAdapter = {
  id: 'poe',
  hosts: ['poe.com'],
  composer: ['textarea[class*="GrowingTextArea_textArea"]', 'footer textarea'],
  send: ['button[aria-label="Send message"]', 'button[class*="ChatMessageSendButton"]'],
  editor: 'textarea',
};
