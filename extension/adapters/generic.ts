import type { SiteAdapter } from './types.ts';

/**
 * Unknown AI sites: the focused or largest editable element is the composer; buttons whose label
 * says send/submit are send buttons. Paste, drop and file inputs are guarded everywhere regardless.
 */
export const generic: SiteAdapter = {
  id: 'generic',
  hosts: [],
  composer: [
    'textarea:focus',
    '[contenteditable="true"]:focus',
    'div.ProseMirror[contenteditable="true"]',
    '[role="textbox"][contenteditable="true"]',
    'textarea',
  ],
  send: [
    'button[type="submit"]',
    'button[aria-label*="Send" i]',
    'button[aria-label*="Submit" i]',
    '[role="button"][aria-label*="Send" i]',
  ],
  editor: 'auto',
};
