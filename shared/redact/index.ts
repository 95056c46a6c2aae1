/**
 * Public surface of redaction: operators applied to findings (positions from `shared/detect`),
 * with a per-conversation state for stable, reversible placeholders. See docs/redaction.md.
 *
 * @example
 * import { createRedactionState, redact, restore } from '../shared/redact/index.ts';
 * let state = createRedactionState();
 * const r = redact(text, findings, { default: 'pseudonymize', byType: { credit_card: 'mask' } }, state);
 * state = r.state; // keep per conversation (storage.session)
 * const shown = restore(aiReply, state);
 */
export { redact, observe, RedactionOperator, RedactOptions, type RedactResult, type Replacement } from './redact.ts';
export { restore } from './restore.ts';
export { createRedactionState, RedactionState, PlaceholderEntry, REDACTION_STATE_VERSION } from './state.ts';
export { mask, maskStyle, FULL_MASK, type MaskStyle } from './mask.ts';
export { dropRange } from './drop.ts';
export { placeholderLabel, formatPlaceholder, forEachPlaceholderToken, PLACEHOLDER_PATTERN } from './placeholder.ts';
export { redactSpans, isRedactable, type RedactSpan } from './spans.ts';
