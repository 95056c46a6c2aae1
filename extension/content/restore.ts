import { restore, type RedactionState } from '../../shared/redact/index.ts';

/**
 * Puts pseudonymized values back on screen: text nodes of the page that show a placeholder this
 * tab issued (`[EMAIL_1]` in the AI's reply, or in the user's own sent message) are rewritten to
 * the original value. Only the DOM of this tab changes: the site, its server and the AI only ever
 * saw the placeholder. Editable regions (the composer) are left alone, so what the user sends next
 * still carries placeholders.
 *
 * Returns a function that rescans the whole page after new values were pseudonymized, and from
 * the first such call on keeps watching the page.
 */
export function installRestorer(getState: () => RedactionState, doc: Document = document): () => void {
  const hasValues = (): boolean => getState().entries.some((e) => e.value !== undefined);

  function fix(node: Node): void {
    if (node.nodeType !== Node.TEXT_NODE) return;
    const text = node.nodeValue;
    if (!text || text.indexOf('[') < 0) return;
    const parent = node.parentElement;
    if (!parent || parent.isContentEditable || parent.closest('textarea, input, [contenteditable=""], [contenteditable="true"]')) return;
    const restored = restore(text, getState());
    if (restored !== text) node.nodeValue = restored;
  }

  function walk(root: Node): void {
    if (root.nodeType === Node.TEXT_NODE) return fix(root);
    const it = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = it.nextNode(); n; n = it.nextNode()) fix(n);
  }

  const observer = new MutationObserver((records) => {
    if (!hasValues()) return;
    for (const r of records) {
      if (r.type === 'characterData') fix(r.target);
      else for (const n of r.addedNodes) walk(n);
    }
  });
  // Watching every mutation of a chat page costs something on each streamed token: start only once
  // this tab has pseudonymized a value.
  let watching = false;
  return () => {
    if (!hasValues()) return;
    if (!watching) {
      observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
      watching = true;
    }
    if (doc.body) walk(doc.body);
  };
}
