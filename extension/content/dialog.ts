import { t, type StringKey } from './strings.ts';

/**
 * The in-page dialog. It lives in a closed shadow root so the AI site can neither read nor restyle
 * it, is a modal `role="dialog"` with focus kept inside, Escape cancels, and every control is
 * reachable with the keyboard. It shows types and counts, never the sensitive values themselves.
 */
export type DialogKind = 'warn' | 'justify' | 'redact' | 'block';

export interface DialogInput {
  kind: DialogKind;
  app: string;
  /** Type labels with counts, e.g. [['Payment card number', 2]]. */
  found: [string, number][];
  /** The tenant's message for this decision, if any. */
  message?: string;
  /** For redact: what replaces what (placeholder -> masked original). */
  replacements?: [string, string][];
}

export interface DialogResult {
  proceed: boolean;
  justification?: { reason: string; text: string };
}

const REASONS = ['business', 'synthetic', 'own', 'other'] as const;

const CSS = `
:host { all: initial; }
.backdrop { position: fixed; inset: 0; background: rgba(0,0,0,.45); display: flex; align-items: center; justify-content: center; z-index: 2147483647; font: 14px/1.45 system-ui, sans-serif; }
.box { background: #fff; color: #1b1b1b; max-width: 460px; width: calc(100% - 32px); border-radius: 10px; padding: 20px 22px; box-shadow: 0 10px 40px rgba(0,0,0,.3); }
h2 { font-size: 17px; margin: 0 0 10px; }
ul { margin: 6px 0 12px; padding-left: 20px; }
p { margin: 6px 0; }
.small { color: #555; font-size: 12px; margin-top: 14px; }
.row { display: flex; gap: 8px; justify-content: flex-end; margin-top: 14px; flex-wrap: wrap; }
button { font: inherit; padding: 7px 14px; border-radius: 6px; border: 1px solid #888; background: #f4f4f4; cursor: pointer; }
button.primary { background: #1a56db; border-color: #1a56db; color: #fff; }
button:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid #f59e0b; outline-offset: 1px; }
label { display: block; margin-top: 8px; font-weight: 600; }
select, textarea { font: inherit; width: 100%; box-sizing: border-box; margin-top: 4px; }
textarea { min-height: 64px; }
.error { color: #b91c1c; }
code { background: #f1f1f1; padding: 0 3px; border-radius: 3px; }
`;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** Shows the dialog and resolves with the user's choice. */
export function showDialog(input: DialogInput): Promise<DialogResult> {
  return new Promise((resolve) => {
    const host = document.createElement('daylight-dialog');
    const root = host.attachShadow({ mode: 'closed' });
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const titleId = 'daylight-title';
    const box = el('div', { class: 'box', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId });
    const done = (r: DialogResult): void => {
      host.remove();
      previous?.focus();
      resolve(r);
    };

    box.append(el('h2', { id: titleId }, t(`title.${input.kind}` as StringKey)));
    if (input.message) box.append(el('p', { 'data-part': 'message' }, input.message));
    if (input.kind === 'redact' && input.replacements?.length) {
      box.append(el('p', {}, t('body.redact', { app: input.app })));
      box.append(
        el(
          'ul',
          { 'data-part': 'replacements' },
          ...input.replacements.map(([ph, masked]) => el('li', {}, el('code', {}, masked), ' → ', el('code', {}, ph))),
        ),
      );
    } else if (input.found.length) {
      box.append(el('p', {}, t('body.found')));
      box.append(el('ul', { 'data-part': 'found' }, ...input.found.map(([label, n]) => el('li', {}, n > 1 ? `${label} (${n})` : label))));
    }

    const row = el('div', { class: 'row' });
    const cancel = el('button', { type: 'button', 'data-action': 'cancel' }, t(input.kind === 'block' ? 'button.ok' : 'button.cancel'));
    cancel.addEventListener('click', () => done({ proceed: false }));
    let first: HTMLElement = cancel;

    if (input.kind === 'justify') {
      const select = el(
        'select',
        { id: 'reason', 'data-part': 'reason' },
        el('option', { value: '' }, '—'),
        ...REASONS.map((r) => el('option', { value: r }, t(`reason.${r}` as StringKey))),
      );
      const text = el('textarea', { id: 'details', 'data-part': 'details', maxlength: '1000' });
      const error = el('p', { class: 'error', role: 'alert' });
      box.append(
        el('label', { for: 'reason' }, t('justify.reason')),
        select,
        el('label', { for: 'details' }, t('justify.details')),
        text,
        error,
      );
      const submit = el('button', { type: 'button', class: 'primary', 'data-action': 'continue' }, t('button.submit'));
      submit.addEventListener('click', () => {
        if (!select.value || text.value.trim().length < 3) {
          error.textContent = t('justify.required');
          return;
        }
        done({ proceed: true, justification: { reason: select.value, text: text.value.trim() } });
      });
      row.append(cancel, submit);
      first = select;
    } else if (input.kind === 'warn' || input.kind === 'redact') {
      const go = el(
        'button',
        { type: 'button', class: 'primary', 'data-action': 'continue' },
        t(input.kind === 'redact' ? 'button.redact' : 'button.continue'),
      );
      go.addEventListener('click', () => done({ proceed: true }));
      row.append(cancel, go);
      first = input.kind === 'redact' ? go : cancel;
    } else {
      row.append(cancel);
    }
    box.append(row, el('p', { class: 'small' }, t('footer')));

    const backdrop = el('div', { class: 'backdrop' }, box);
    // Keep focus inside the dialog; Escape cancels.
    backdrop.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Escape') done({ proceed: false });
      if (e.key !== 'Tab') return;
      const items = [...box.querySelectorAll<HTMLElement>('button, select, textarea')];
      const i = items.indexOf(root.activeElement as HTMLElement);
      const next = items[(i + (e.shiftKey ? items.length - 1 : 1)) % items.length];
      e.preventDefault();
      next?.focus();
    });
    root.append(el('style', {}, CSS), backdrop);
    (document.body ?? document.documentElement).append(host);
    first.focus();
  });
}
