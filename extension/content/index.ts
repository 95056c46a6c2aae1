/**
 * Content script: runs only on AI-app hosts (see manifest.config.ts), in every frame, at
 * document_start. Kept small: it reports its presence and (later) guards the composer.
 */
import { browser } from '../platform/browser.ts';

void browser.runtime
  .sendMessage({ type: 'content->background:hello', host: location.hostname, topFrame: window === window.top })
  .catch(() => undefined);
