import type { Finding } from '../../shared/detect/types.ts';
import { typeLabel } from '../../shared/detect/labels.ts';
import type { SiteAdapter } from '../adapters/types.ts';
import type { DialogInput, DialogResult } from './dialog.ts';
import { editableOf, insertText, OWN_EVENTS, readText, replaceAll } from './editor.ts';

/**
 * The guard: capture-phase listeners on `window`, registered at document_start, so they run
 * before any listener of the page. A paste, drop, file choice or send with sensitive data is held,
 * decided by policy, and then let through, replaced by redacted text, or stopped.
 */
export type Surface = 'paste' | 'drop' | 'upload' | 'submit';
export type GuardAction = 'allow' | 'monitor' | 'warn' | 'justify' | 'redact' | 'pseudonymize' | 'block';

export interface GuardDecision {
  action: GuardAction;
  /** Tenant message for the user. */
  message?: string;
  /** The findings the decision is about (what redaction replaces); all findings when omitted. */
  findings?: Finding[];
  /** Id of the policy exception that allowed it. */
  exception?: string;
}

export interface GuardEvent {
  surface: Surface;
  action: GuardAction;
  /** What happened after asking: the user continued, cancelled, or nothing was asked. */
  outcome: 'allowed' | 'continued' | 'cancelled' | 'redacted' | 'blocked';
  types: Record<string, number>;
  length: number;
  justification?: { reason: string; text: string };
  fileName?: string;
  /** Keyed hashes of the matched values (see shared/detect/value-hash.ts), when the tenant allows. */
  valueHashes?: string[];
}

export interface GuardDeps {
  adapter: SiteAdapter;
  appName: string;
  /**
   * While the classifier and policy are still loading: a promise for when they are there. A
   * paste, drop or send is then held and decided once it resolves. Null (or absent) when ready.
   */
  pending?(): Promise<void> | null;
  scan(text: string): Finding[];
  decide(findings: Finding[], surface: Surface): GuardDecision;
  /** Replaces the findings: `redact` for good, `pseudonymize` reversibly (restored in replies). */
  redact(text: string, findings: Finding[], mode: 'redact' | 'pseudonymize'): { text: string; replacements: [string, string][] };
  /** Keyed hashes of the matched values, or undefined when events may not carry them. */
  hashValues?(text: string, findings: Finding[]): string[] | undefined;
  ask(input: DialogInput): Promise<DialogResult>;
  report(event: GuardEvent): void;
}

function countTypes(findings: Finding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.type] = (out[f.type] ?? 0) + 1;
  return out;
}

function foundList(types: Record<string, number>): [string, number][] {
  return Object.entries(types).map(([t, n]) => [typeLabel(t), n]);
}

const TEXT_FILE =
  /^(?:text\/|application\/(?:json|xml|x-yaml|yaml|javascript|x-sh|sql|csv))|\.(?:txt|md|csv|tsv|json|ya?ml|xml|env|ini|cfg|conf|log|sql|py|js|ts|tsx|jsx|java|cs|go|rs|rb|php|c|cc|cpp|h|hpp|kt|swift|sh|ps1|pem|key)$/i;
const MAX_TEXT_FILE = 5_000_000;

/** FNV-1a of a matched value: enough to recognise it again in this page, useless to recover it. */
function valueKey(text: string, f: Finding): string {
  let h = 0x811c9dc5;
  for (let i = f.start; i < f.end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${f.type}:${(h >>> 0).toString(36)}:${f.end - f.start}`;
}

export function installGuard(deps: GuardDeps, win: Window = window): void {
  /** Texts the user already decided about at send time, so the re-sent event passes. */
  let approvedSend: string | undefined;
  /**
   * Values the user already chose to share in this page after a warning or with a justification:
   * the paste was let in, so sending the same values is not asked about again. Blocked values are
   * never remembered. Lives as long as the page.
   */
  const acknowledged = new Set<string>();

  /** The findings the user has not yet acknowledged in this page. */
  function unacknowledged(text: string, findings: Finding[]): Finding[] {
    return acknowledged.size ? findings.filter((f) => !acknowledged.has(valueKey(text, f))) : findings;
  }

  async function decideOn(text: string, surface: Surface, extra: Partial<GuardEvent> = {}): Promise<{ proceed: boolean; text: string }> {
    const loading = deps.pending?.();
    if (loading) await loading;
    const findings = unacknowledged(text, deps.scan(text));
    const types = countTypes(findings);
    const decision: GuardDecision = findings.length ? deps.decide(findings, surface) : { action: 'allow' };
    const hashes = findings.length ? deps.hashValues?.(text, findings) : undefined;
    const base = {
      surface,
      action: decision.action,
      types,
      length: text.length,
      ...(hashes?.length ? { valueHashes: hashes } : {}),
      ...extra,
    };
    switch (decision.action) {
      case 'allow':
      case 'monitor':
        if (findings.length) deps.report({ ...base, outcome: 'allowed' });
        return { proceed: true, text };
      case 'block':
        await deps.ask({ kind: 'block', app: deps.appName, found: foundList(types), message: decision.message });
        deps.report({ ...base, outcome: 'blocked' });
        return { proceed: false, text };
      case 'redact':
      case 'pseudonymize': {
        const r = deps.redact(text, decision.findings ?? findings, decision.action);
        const answer = await deps.ask({
          kind: 'redact',
          app: deps.appName,
          found: foundList(types),
          message: decision.message,
          replacements: r.replacements,
        });
        deps.report({ ...base, outcome: answer.proceed ? 'redacted' : 'cancelled' });
        return { proceed: answer.proceed, text: r.text };
      }
      case 'warn':
      case 'justify': {
        const answer = await deps.ask({ kind: decision.action, app: deps.appName, found: foundList(types), message: decision.message });
        deps.report({ ...base, outcome: answer.proceed ? 'continued' : 'cancelled', justification: answer.justification });
        if (answer.proceed) for (const f of findings) acknowledged.add(valueKey(text, f));
        return { proceed: answer.proceed, text };
      }
    }
  }

  function reportAllowed(surface: Surface, decision: GuardDecision, text: string, findings: Finding[]): void {
    const hashes = deps.hashValues?.(text, findings);
    deps.report({
      surface,
      action: decision.action,
      outcome: 'allowed',
      types: countTypes(findings),
      length: text.length,
      ...(hashes?.length ? { valueHashes: hashes } : {}),
    });
  }

  /**
   * Held events are decided one after another: a second paste while a dialog is open waits for
   * the answer, so two dialogs never compete and one insertion never takes the focus from another
   * event's dialog (which happens when events held while the engine loads are released together).
   */
  let queue: Promise<unknown> = Promise.resolve();
  function held(task: () => Promise<unknown>): void {
    queue = queue.then(task).catch((err: unknown) => console.warn('Daylight:', err));
  }

  function hold(e: Event): void {
    e.preventDefault();
    e.stopImmediatePropagation();
  }

  win.addEventListener(
    'paste',
    (e) => {
      if (OWN_EVENTS.has(e)) return;
      const target = editableOf(e.target);
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (!target || !text) return;
      if (!deps.pending?.()) {
        const findings = unacknowledged(text, deps.scan(text));
        if (!findings.length) return;
        const decision = deps.decide(findings, 'paste');
        if (decision.action === 'allow' || decision.action === 'monitor') {
          reportAllowed('paste', decision, text, findings);
          return;
        }
      }
      // Asking the user, or the engine is still loading: hold the paste, insert what may go in.
      hold(e);
      held(() =>
        decideOn(text, 'paste').then((r) => {
          if (r.proceed) insertText(target, r.text);
        }),
      );
    },
    true,
  );

  function composer(): HTMLElement | null {
    for (const sel of deps.adapter.composer) {
      const el = win.document.querySelector<HTMLElement>(sel);
      if (el) return el;
    }
    return null;
  }

  function isSendButton(target: EventTarget | null): HTMLElement | null {
    if (!(target instanceof Element)) return null;
    for (const sel of deps.adapter.send) {
      const b = target.closest<HTMLElement>(sel);
      if (b) return b;
    }
    return null;
  }

  /** Send-time check of typed text: Enter in the composer or a click on the send button. */
  function onSend(e: Event, resend: () => void): void {
    const box = composer();
    if (!box) return;
    const text = readText(box);
    if (!text.trim()) return;
    if (approvedSend === text) {
      approvedSend = undefined;
      return;
    }
    if (!deps.pending?.()) {
      const findings = unacknowledged(text, deps.scan(text));
      if (!findings.length) return;
      const decision = deps.decide(findings, 'submit');
      if (decision.action === 'allow' || decision.action === 'monitor') {
        reportAllowed('submit', decision, text, findings);
        return;
      }
    }
    hold(e);
    held(() =>
      decideOn(text, 'submit').then((r) => {
        if (!r.proceed) return;
        if (r.text !== text) {
          // Redaction at send time: put the redacted text in the composer, then send it.
          replaceAll(box, r.text);
        }
        approvedSend = readText(box);
        resend();
      }),
    );
  }

  win.addEventListener(
    'keydown',
    (e) => {
      if (e.key !== 'Enter' || e.shiftKey || e.isComposing || OWN_EVENTS.has(e)) return;
      const box = composer();
      if (!box || !(e.target instanceof Node) || !box.contains(e.target)) return;
      onSend(e, () => {
        const again = new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true, cancelable: true });
        OWN_EVENTS.add(again);
        box.dispatchEvent(again);
      });
    },
    true,
  );

  win.addEventListener(
    'click',
    (e) => {
      if (OWN_EVENTS.has(e)) return;
      const button = isSendButton(e.target);
      if (!button) return;
      onSend(e, () => {
        const again = new MouseEvent('click', { bubbles: true, cancelable: true });
        OWN_EVENTS.add(again);
        button.dispatchEvent(again);
      });
    },
    true,
  );

  /** Files chosen in a file input: scanned before the page sees the change. */
  win.addEventListener(
    'change',
    (e) => {
      if (OWN_EVENTS.has(e)) return;
      const input = e.target;
      if (!(input instanceof HTMLInputElement) || input.type !== 'file' || !input.files?.length) return;
      hold(e);
      const files = [...input.files];
      held(() =>
        checkFiles(files, 'upload').then((allowed) => {
          if (!allowed) {
            input.value = '';
            return;
          }
          if (allowed.some((f, i) => f !== files[i])) {
            const dt = new DataTransfer();
            for (const f of allowed) dt.items.add(f);
            input.files = dt.files;
          }
          const again = new Event('change', { bubbles: true });
          OWN_EVENTS.add(again);
          input.dispatchEvent(again);
        }),
      );
    },
    true,
  );

  /** Dropped files and dropped text. */
  win.addEventListener(
    'drop',
    (e) => {
      if (OWN_EVENTS.has(e) || !e.dataTransfer) return;
      const files = [...e.dataTransfer.files];
      const text = files.length ? '' : e.dataTransfer.getData('text/plain');
      if (!files.length && !text) return;
      if (text && !deps.pending?.() && !deps.scan(text).length) return;
      hold(e);
      const target = e.target;
      const data = e.dataTransfer;
      const init = { bubbles: true, cancelable: true, clientX: e.clientX, clientY: e.clientY };
      if (files.length) {
        held(() =>
          checkFiles(files, 'drop').then((allowed) => {
            if (!allowed || !target) return;
            const dt = new DataTransfer();
            for (const f of allowed) dt.items.add(f);
            const again = new DragEvent('drop', { ...init, dataTransfer: dt });
            OWN_EVENTS.add(again);
            target.dispatchEvent(again);
          }),
        );
        return;
      }
      held(() =>
        decideOn(text, 'drop').then((r) => {
          if (!r.proceed) return;
          const box = editableOf(target);
          if (box) insertText(box, r.text);
          else {
            const dt = new DataTransfer();
            dt.setData('text/plain', r.text);
            for (const type of data.types) if (type !== 'text/plain' && type !== 'Files') dt.setData(type, data.getData(type));
            const again = new DragEvent('drop', { ...init, dataTransfer: dt });
            OWN_EVENTS.add(again);
            target?.dispatchEvent(again);
          }
        }),
      );
    },
    true,
  );

  /**
   * The files that may go on (redacted ones replaced by redacted copies), or null when the user
   * cancelled or policy blocked one. Text files are scanned; other files pass to policy by type.
   */
  async function checkFiles(files: File[], surface: Surface): Promise<File[] | null> {
    const out: File[] = [];
    for (const f of files) {
      if (!(TEXT_FILE.test(f.type) || TEXT_FILE.test(f.name)) || f.size > MAX_TEXT_FILE) {
        out.push(f);
        continue;
      }
      const text = await f.text();
      const r = await decideOn(text, surface, { fileName: f.name });
      if (!r.proceed) return null;
      out.push(r.text === text ? f : new File([r.text], f.name, { type: f.type, lastModified: f.lastModified }));
    }
    return out;
  }
}
