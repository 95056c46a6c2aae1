/**
 * A site adapter is data: where the composer and the send button are on one AI app. The guard
 * uses it to read the text at send time and to insert (redacted) text so the editor keeps it.
 * Selectors are tried in order; the first that matches wins. Real sites change their markup, so
 * every adapter reports its health (composer found, send hooked) in the heartbeat.
 */
export interface SiteAdapter {
  /** The AI-app id in the catalog (`shared/catalog/apps.ts`); `generic` for unknown AI sites. */
  readonly id: string;
  /** Hosts this adapter serves (exact host or a parent domain). */
  readonly hosts: readonly string[];
  /** The prompt editor. */
  readonly composer: readonly string[];
  /** The send button(s). */
  readonly send: readonly string[];
  /** How text must be inserted so the site's editor keeps it. */
  readonly editor: 'textarea' | 'prosemirror' | 'contenteditable' | 'lexical' | 'auto';
  /** Hints that the signed-in account is a corporate workspace (selectors present on the page). */
  readonly corporateHints?: readonly string[];
}
