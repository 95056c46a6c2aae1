/**
 * Content script, first part: runs only on AI-app hosts (see manifest.config.ts), in every frame,
 * at document_start. It installs the guard synchronously (so its listeners run before the page's)
 * and reports the adapter's health. The classifier, policy and redaction come with the second
 * part, `engine.ts`, at document_idle (engine-api.ts says why); a paste or send before then is
 * held until the engine has decided on it.
 */
import { adapterForHost } from '../adapters/registry.ts';
import { browser } from '../platform/browser.ts';
import { showDialog } from './dialog.ts';
import { currentEngine, whenEngine, type ContentEngine } from './engine-api.ts';
import { installGuard } from './guard.ts';

const host = location.hostname;
const adapter = adapterForHost(host);

/** The engine; only called once `pending` has said it is there. */
const engine = (): ContentEngine => {
  const e = currentEngine();
  if (!e) throw new Error('Daylight: content engine not loaded');
  return e;
};

installGuard({
  adapter,
  get appName() {
    return currentEngine()?.appName() ?? host;
  },
  pending: () => (currentEngine() ? null : whenEngine().then(() => undefined)),
  scan: (text) => engine().scan(text),
  decide: (findings, surface) => engine().decide(findings, surface),
  redact: (text, findings, mode) => engine().redact(text, findings, mode),
  hashValues: (text, findings) => engine().hashValues(text, findings),
  ask: showDialog,
  report: (event) => engine().report(event),
});

/**
 * Adapter self-check for the heartbeat: a few seconds after load (SPAs render late), is the
 * composer there and is the send button found? The top frame always reports; other frames only
 * when they hold the composer.
 */
function checkAdapter(): void {
  const found = (selectors: readonly string[]) => selectors.some((s) => document.querySelector(s) !== null);
  const composerFound = found(adapter.composer);
  if (window !== window.top && !composerFound) return;
  const health = { id: adapter.id, composerFound, sendHooked: composerFound && found(adapter.send), checkedAt: new Date().toISOString() };
  void browser.runtime.sendMessage({ type: 'content->background:adapter-health', health }).catch(() => undefined);
}
window.addEventListener('load', () => setTimeout(checkAdapter, 2000), { once: true });
