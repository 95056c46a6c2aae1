import type { SiteAdapter } from './types.ts';

export const claude: SiteAdapter = {
  id: 'claude',
  hosts: ['claude.ai'],
  composer: ['div.ProseMirror[contenteditable="true"]', '[aria-label="Write your prompt to Claude"]'],
  send: ['button[aria-label="Send message"]', 'button[aria-label="Send Message"]'],
  editor: 'prosemirror',
  corporateHints: ['[data-testid="org-switcher"]'],
};
