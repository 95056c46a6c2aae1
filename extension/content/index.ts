/**
 * Content script: runs only on AI-app hosts (see manifest.config.ts), in every frame, at
 * document_start. It installs the guard synchronously (so its listeners run before the page's),
 * then loads the tenant policy from storage; until that arrives the built-in default applies.
 */
import type { ClientEvent } from '../../shared/contracts/events.ts';
import { createScanner, CLASSIFIERS, RECOGNIZERS, type Scanner } from '../../shared/detect/index.ts';
import { typeLabel } from '../../shared/detect/labels.ts';
import { compileTenantDetectors } from '../../shared/detect/tenant/index.ts';
import { valueHashes } from '../../shared/detect/value-hash.ts';
import { decideData, defaultPolicy, SignedPolicy, type PolicyDocument } from '../../shared/policy/index.ts';
import { createRedactionState, redact, type RedactionState } from '../../shared/redact/index.ts';
import { adapterForHost } from '../adapters/registry.ts';
import { TabContext } from '../messaging/protocol.ts';
import { browser } from '../platform/browser.ts';
import { showDialog } from './dialog.ts';
import { installGuard, type GuardEvent } from './guard.ts';
import { installRestorer } from './restore.ts';

const host = location.hostname;
const adapter = adapterForHost(host);

// Page-lifetime state of this frame (content scripts live as long as the page, unlike the worker).
// The policy and the scanner are built on first use, or when the page is idle, not at
// document_start: that keeps their cost off the page's load (the guard's listeners are in place
// from the start either way, and a paste before then builds them synchronously).
let policyNow: PolicyDocument | undefined;
let scannerNow: Scanner | undefined;
const currentPolicy = (): PolicyDocument => (policyNow ??= defaultPolicy());
const scanner = (): Scanner => (scannerNow ??= createScanner({ recognizers: RECOGNIZERS, classifiers: CLASSIFIERS }));
// Pseudonymization map: kept in this tab only, never stored or sent.
let conversation: RedactionState = createRedactionState();
// Who and where, from the background (tenant catalog, user, value-hash key); until it answers,
// the host stands for the app.
let context: TabContext = { app: null, groups: [] };
const rescan = installRestorer(() => conversation);

function applyPolicy(raw: unknown): void {
  const parsed = SignedPolicy.safeParse(raw && typeof raw === 'object' ? (raw as { signed?: unknown }).signed : undefined);
  if (!parsed.success) return;
  policyNow = parsed.data.policy;
  try {
    scannerNow = createScanner({
      recognizers: RECOGNIZERS,
      classifiers: CLASSIFIERS,
      extraPasses: compileTenantDetectors(parsed.data.policy.detectors),
    });
  } catch (e) {
    console.warn('Daylight: tenant detectors not applied:', e instanceof Error ? e.message : e);
  }
}

function report(e: GuardEvent): void {
  const event: ClientEvent = {
    id: crypto.randomUUID(),
    at: new Date().toISOString(),
    app: context.app?.id ?? 'unknown',
    host,
    surface: 'browser',
    action: e.surface,
    decision: e.action === 'monitor' ? 'allow' : e.action,
    outcome: e.outcome,
    dataTypes: Object.entries(e.types).map(([type, count]) => ({ type, count })) as ClientEvent['dataTypes'],
    textLength: e.length,
    ...(e.valueHashes?.length ? { valueHashes: e.valueHashes } : {}),
    ...(e.justification ? { justification: `${e.justification.reason}: ${e.justification.text}` } : {}),
  };
  void browser.runtime.sendMessage({ type: 'content->background:event', event }).catch(() => undefined);
}

installGuard({
  adapter,
  get appName() {
    return context.app?.name ?? host;
  },
  scan: (text) => scanner().scan(text),
  decide: (findings) => {
    const d = decideData(currentPolicy(), findings, {
      appId: context.app?.id ?? 'unknown',
      ...(context.app ? { category: context.app.category } : {}),
      ...(context.userId ? { userId: context.userId } : {}),
      groups: context.groups,
    });
    return { action: d.action, message: d.message || undefined, findings: d.findings, ...(d.exception ? { exception: d.exception } : {}) };
  },
  redact: (text, findings, mode) => {
    // redact: typed placeholders for good; pseudonymize: the value stays in this tab's map only.
    const r = redact(text, findings, { default: mode === 'pseudonymize' ? 'pseudonymize' : 'placeholder' }, conversation);
    conversation = r.state;
    if (mode === 'pseudonymize') queueMicrotask(rescan);
    return {
      text: r.text,
      replacements: r.replacements.map((x) => [r.text.slice(x.newStart, x.newEnd), typeLabel(x.type)] as [string, string]),
    };
  },
  hashValues: (text, findings) => (context.valueHashKey ? valueHashes(text, findings, context.valueHashKey) : undefined),
  ask: showDialog,
  report,
});

void browser.storage.local
  .get('policy')
  .then((got) => applyPolicy(got['policy']))
  .catch(() => undefined);
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes['policy']) applyPolicy(changes['policy'].newValue);
});

void browser.runtime
  .sendMessage({ type: 'content->background:hello', host, topFrame: window === window.top })
  .then((reply) => {
    const parsed = TabContext.safeParse(reply);
    if (parsed.success) context = parsed.data;
  })
  .catch(() => undefined);

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
const warmUp = (): void => void (currentPolicy(), scanner());
if (typeof requestIdleCallback === 'function') requestIdleCallback(warmUp, { timeout: 3000 });
else setTimeout(warmUp, 1000);
