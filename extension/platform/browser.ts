/**
 * The only module that touches the WebExtension API. Everything else imports `browser` from here,
 * so browser differences (Chrome, Edge, Firefox) are handled in one folder.
 */
import browser from 'webextension-polyfill';

export { browser };
export type { Runtime } from 'webextension-polyfill';
