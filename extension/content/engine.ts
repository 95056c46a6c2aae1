/**
 * Content script, second part (document_idle): the classifier, the tenant policy, redaction and
 * what the background says about this tab. It publishes itself to the guard that `index.ts`
 * installed at document_start (see engine-api.ts), so this code and its schemas are built after
 * the page has loaded, not during it.
 */
import type { ClientEvent } from '../../shared/contracts/events.ts';
import { createScanner, CLASSIFIERS, RECOGNIZERS, type Scanner } from '../../shared/detect/index.ts';
import { typeLabel } from '../../shared/detect/labels.ts';
import { compileTenantDetectors } from '../../shared/detect/tenant/index.ts';
import { valueHashes } from '../../shared/detect/value-hash.ts';
import { decideData, defaultPolicy, SignedPolicy, type PolicyDocument } from '../../shared/policy/index.ts';
import { createRedactionState, redact, type RedactionState } from '../../shared/redact/index.ts';
import { TabContext } from '../messaging/protocol.ts';
import { browser } from '../platform/browser.ts';
import { publishEngine } from './engine-api.ts';
import type { GuardEvent } from './guard.ts';
import { installRestorer } from './restore.ts';

const host = location.hostname;

// Page-lifetime state of this frame (content scripts live as long as the page, unlike the worker).
// Until the tenant policy arrives from storage the built-in default applies.
let policy: PolicyDocument = defaultPolicy();
let scanner: Scanner = createScanner({ recognizers: RECOGNIZERS, classifiers: CLASSIFIERS });
// Pseudonymization map: kept in this tab only, never stored or sent.
let conversation: RedactionState = createRedactionState();
// Who and where, from the background (tenant catalog, user, value-hash key); until it answers,
// the host stands for the app.
let context: TabContext = { app: null, groups: [] };
const rescan = installRestorer(() => conversation);

function applyPolicy(raw: unknown): void {
  const parsed = SignedPolicy.safeParse(raw && typeof raw === 'object' ? (raw as { signed?: unknown }).signed : undefined);
  if (!parsed.success) return;
  policy = parsed.data.policy;
  try {
    scanner = createScanner({
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

const stored = browser.storage.local
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

// Published once the stored policy is in (a storage read: milliseconds), so a paste held for the
// engine is decided by the tenant's policy, not the built-in default.
void stored.then(() =>
  publishEngine({
    appName: () => context.app?.name ?? host,
    scan: (text) => scanner.scan(text),
    decide: (findings) => {
      const d = decideData(policy, findings, {
        appId: context.app?.id ?? 'unknown',
        ...(context.app ? { category: context.app.category } : {}),
        ...(context.userId ? { userId: context.userId } : {}),
        groups: context.groups,
      });
      return {
        action: d.action,
        message: d.message || undefined,
        findings: d.findings,
        ...(d.exception ? { exception: d.exception } : {}),
      };
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
    report,
  }),
);
