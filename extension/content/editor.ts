/**
 * Reading and writing the AI app's composer so that the site's own editor keeps the change.
 *
 * - `<textarea>`/`<input>`: `setRangeText` plus an `input` event; React and Vue pick that up
 *   because the value changed outside their tracked setter.
 * - Rich editors (ProseMirror, Lexical, Draft, Quill): they own their document model and ignore
 *   DOM edits, but all of them handle `paste` events themselves, so the guard re-dispatches a
 *   synthetic paste carrying the text. When no editor took it, `execCommand('insertText')`
 *   inserts at the caret (it fires beforeinput/input like typing).
 */

/** Events the guard dispatched itself; its own listeners let them through. */
export const OWN_EVENTS = new WeakSet<Event>();

export function isTextField(el: Element | null): el is HTMLTextAreaElement | HTMLInputElement {
  return el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && /^(?:text|search|email|url|)$/.test(el.type));
}

/** The editable element an event target belongs to, if any. */
export function editableOf(target: EventTarget | null): HTMLElement | null {
  if (!(target instanceof Node)) return null;
  const el = target instanceof Element ? target : target.parentElement;
  if (!el) return null;
  if (isTextField(el)) return el;
  const host = el.closest<HTMLElement>('[contenteditable=""],[contenteditable="true"],[contenteditable="plaintext-only"]');
  return host;
}

export function readText(el: HTMLElement): string {
  return isTextField(el) ? el.value : el.innerText.replace(/\n$/, '');
}

/** Inserts `text` at the caret of `el` (replacing the selection), the way a paste would. */
export function insertText(el: HTMLElement, text: string): void {
  el.focus();
  if (isTextField(el)) {
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? start;
    el.setRangeText(text, start, end, 'end');
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: text }));
    return;
  }
  const data = new DataTransfer();
  data.setData('text/plain', text);
  const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
  OWN_EVENTS.add(paste);
  el.dispatchEvent(paste);
  if (!paste.defaultPrevented) document.execCommand('insertText', false, text);
}

/** Replaces the whole content of the composer with `text` (used for redaction at send time). */
export function replaceAll(el: HTMLElement, text: string): void {
  el.focus();
  if (isTextField(el)) {
    el.setRangeText(text, 0, el.value.length, 'end');
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: text }));
    return;
  }
  const sel = el.ownerDocument.getSelection();
  if (sel) {
    const range = el.ownerDocument.createRange();
    range.selectNodeContents(el);
    sel.removeAllRanges();
    sel.addRange(range);
  }
  insertText(el, text);
}
