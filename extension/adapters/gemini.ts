import type { SiteAdapter } from './types.ts';

export const gemini: SiteAdapter = {
  id: 'gemini',
  hosts: ['gemini.google.com'],
  composer: ['rich-textarea .ql-editor', '.ql-editor[contenteditable="true"]', '[aria-label="Enter a prompt here"]'],
  send: ['button.send-button', 'button[aria-label="Send message"]'],
  editor: 'contenteditable',
};
