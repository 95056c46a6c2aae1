import { createHash } from 'node:crypto';
import { matchWindow } from '../../../shared/catalog/desktop.ts';
import type { AiApp } from '../../../shared/catalog/schema.ts';
import type { ClientEvent } from '../../../shared/contracts/events.ts';
import type { Scanner } from '../../../shared/detect/index.ts';
import { typeLabel } from '../../../shared/detect/labels.ts';
import { effectiveCatalog } from '../../../shared/policy/catalog.ts';
import { decideData, type PolicyDocument } from '../../../shared/policy/index.ts';
import { createRedactionState, redact } from '../../../shared/redact/index.ts';
import type { EventInput } from '../events.ts';
import type { ClipboardPlatform, ForegroundWindow, Notifier } from './platform.ts';

export interface GuardDeps {
  platform: ClipboardPlatform;
  policy(): PolicyDocument;
  /** The user and groups policy rules and exceptions are decided for. */
  subject?(): { userId?: string; groups: string[] };
  scanner(): Scanner;
  record(e: EventInput): ClientEvent;
  notify: Notifier;
  /** `ai-apps`: read only while an AI app is in front; `always`: read every change. */
  read: 'ai-apps' | 'always';
  paused?: () => boolean;
  log?: (msg: string) => void;
}

/** What one check did, for tests, benchmarks and the log. */
export type GuardOutcome =
  | { kind: 'idle'; reason: 'paused' | 'no-ai-app' | 'empty' | 'unchanged' }
  | { kind: 'clean'; app?: string }
  | { kind: 'acted'; app?: string; action: ClientEvent['decision']; types: string[] };

/**
 * The clipboard guard. Each check looks at the window in front; only when it belongs to an AI
 * app (or the deployment says `always`) is the clipboard read. Text that was already checked (same
 * SHA-256) is not checked again. Findings are decided by the tenant policy as data going to that
 * app: `allow` is reported, `warn`/`justify` notify the user (the clipboard stays: pasting is the
 * user's act and a desktop app has no send-time hook), `redact` replaces the clipboard with the
 * redacted text, `block` clears it. Each decision is reported as an event with surface `desktop`
 * and action `clipboard`: types, counts, length and keyed value hashes, never the text.
 */
export class ClipboardGuard {
  private lastHash: string | undefined;
  private lastWindow: string | undefined;
  private running: Promise<GuardOutcome> | undefined;

  constructor(private readonly deps: GuardDeps) {}

  /** The catalog app the window belongs to, if any (tenant catalog changes applied). */
  appFor(w: ForegroundWindow | undefined): AiApp | undefined {
    if (!w) return undefined;
    const sig = matchWindow(w);
    if (!sig) return undefined;
    return effectiveCatalog(this.deps.policy()).find((a) => a.id === sig.app);
  }

  /** One check; concurrent calls share the check in progress. */
  check(): Promise<GuardOutcome> {
    this.running ??= this.checkOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async checkOnce(): Promise<GuardOutcome> {
    const { platform } = this.deps;
    if (this.deps.paused?.()) return { kind: 'idle', reason: 'paused' };
    const fg = await platform.foreground();
    const app = this.appFor(fg);
    if (fg?.id !== this.lastWindow) {
      this.lastWindow = fg?.id;
      if (app) this.deps.log?.(`AI app in front: ${app.name}`);
    }
    if (!app && this.deps.read === 'ai-apps') return { kind: 'idle', reason: 'no-ai-app' };
    const text = await platform.readText();
    if (!text) return { kind: 'idle', reason: 'empty' };
    const hash = sha256(text);
    if (hash === this.lastHash) return { kind: 'idle', reason: 'unchanged' };
    this.lastHash = hash;

    const findings = this.deps.scanner().scan(text);
    if (!findings.length) return { kind: 'clean', ...(app ? { app: app.id } : {}) };
    const policy = this.deps.policy();
    const appId = app?.id ?? 'unknown';
    const decision = decideData(policy, findings, { appId, ...(app ? { category: app.category } : {}), ...this.deps.subject?.() });
    const types = [...new Set(decision.findings.map((f) => f.type))];
    const labels = types.map(typeLabel).join(', ');
    const where = app?.name ?? 'an app';
    switch (decision.action) {
      case 'allow':
        break;
      case 'warn':
      case 'justify':
        this.deps.notify(`Sensitive data on the clipboard (${labels})`, `${decision.message} You are in ${where}.`);
        break;
      case 'redact': {
        const r = redact(text, decision.findings, { default: 'placeholder' }, createRedactionState());
        await platform.writeText(r.text);
        this.lastHash = sha256(r.text);
        this.deps.notify(`Clipboard redacted for ${where}`, `${decision.message} (${labels})`);
        break;
      }
      case 'block':
        await platform.clear();
        this.lastHash = undefined;
        this.deps.notify(`Clipboard cleared for ${where}`, `${decision.message} (${labels})`);
        break;
    }
    this.deps.record({
      app: appId,
      host: 'localhost',
      surface: 'desktop',
      action: 'clipboard',
      decision: decision.action,
      text,
      findings: decision.findings,
    });
    return { kind: 'acted', ...(app ? { app: app.id } : {}), action: decision.action, types };
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
