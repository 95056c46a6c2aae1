/**
 * Fake AI sites served under their real host names. Each reproduces the composer of the real
 * site closely enough for the extension's adapters: the element kind, the selectors the adapter
 * uses, and the way the editor handles paste (ProseMirror-style editors handle paste themselves).
 */
export type ComposerKind = 'textarea' | 'prosemirror' | 'contenteditable';

export interface FakeSite {
  host: string;
  title: string;
  composer: ComposerKind;
  /** Attributes put on the composer element (id, class, data-testid, aria-label...). */
  composerAttrs: Record<string, string>;
  sendAttrs: Record<string, string>;
  /** True for hosts that are not AI apps (the extension must not run there). */
  notAi?: boolean;
}

export const FAKE_SITES: readonly FakeSite[] = [
  {
    host: 'chatgpt.com',
    title: 'ChatGPT',
    composer: 'prosemirror',
    composerAttrs: { id: 'prompt-textarea', class: 'ProseMirror' },
    sendAttrs: { 'data-testid': 'send-button', 'aria-label': 'Send prompt' },
  },
  {
    host: 'claude.ai',
    title: 'Claude',
    composer: 'prosemirror',
    composerAttrs: { class: 'ProseMirror', 'aria-label': 'Write your prompt to Claude' },
    sendAttrs: { 'aria-label': 'Send message' },
  },
  {
    host: 'gemini.google.com',
    title: 'Gemini',
    composer: 'contenteditable',
    composerAttrs: { class: 'ql-editor textarea', 'aria-label': 'Enter a prompt here' },
    sendAttrs: { class: 'send-button', 'aria-label': 'Send message' },
  },
  {
    host: 'copilot.microsoft.com',
    title: 'Microsoft Copilot',
    composer: 'textarea',
    composerAttrs: { id: 'userInput', placeholder: 'Message Copilot' },
    sendAttrs: { title: 'Submit message', 'aria-label': 'Submit message' },
  },
  {
    host: 'perplexity.ai',
    title: 'Perplexity',
    composer: 'textarea',
    composerAttrs: { placeholder: 'Ask anything…' },
    sendAttrs: { 'aria-label': 'Submit' },
  },
  {
    host: 'www.perplexity.ai',
    title: 'Perplexity',
    composer: 'textarea',
    composerAttrs: { placeholder: 'Ask anything…' },
    sendAttrs: { 'aria-label': 'Submit' },
  },
  {
    host: 'chat.deepseek.com',
    title: 'DeepSeek',
    composer: 'textarea',
    composerAttrs: { id: 'chat-input', placeholder: 'Message DeepSeek' },
    sendAttrs: { role: 'button', 'aria-label': 'Send' },
  },
  {
    host: 'chat.mistral.ai',
    title: 'Le Chat',
    composer: 'prosemirror',
    composerAttrs: { class: 'ProseMirror', 'aria-label': 'Ask Le Chat' },
    sendAttrs: { 'aria-label': 'Send question', type: 'submit' },
  },
  {
    host: 'poe.com',
    title: 'Poe',
    composer: 'textarea',
    composerAttrs: { class: 'GrowingTextArea_textArea', placeholder: 'Start a new chat' },
    sendAttrs: { 'aria-label': 'Send message' },
  },
  {
    host: 'example.com',
    title: 'Example Domain',
    composer: 'textarea',
    composerAttrs: { id: 'notes' },
    sendAttrs: { 'aria-label': 'Save' },
    notAi: true,
  },
];

export function siteFor(host: string): FakeSite | undefined {
  return FAKE_SITES.find((s) => s.host === host);
}
