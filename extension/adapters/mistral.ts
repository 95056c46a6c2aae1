import type { SiteAdapter } from './types.ts';

export const mistral: SiteAdapter = {
  id: 'mistral-le-chat',
  hosts: ['chat.mistral.ai'],
  composer: ['div.ProseMirror[contenteditable="true"]', 'textarea[name="message.text"]'],
  send: ['button[aria-label="Send question"]', 'button[type="submit"]'],
  editor: 'prosemirror',
};
