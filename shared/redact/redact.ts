/**
 * `redact`: applies the operators to the findings of one message of a conversation.
 *
 * Redaction never re-detects: it works on the positions it is given. It is pure: the result holds
 * a new state and the given state is not changed.
 */
import { z } from 'zod';
import type { Finding, FindingType } from '../detect/types.ts';
import { Conversation } from './conversation.ts';
import { dropRange } from './drop.ts';
import { mask } from './mask.ts';
import { redactSpans, type RedactSpan } from './spans.ts';
import type { RedactionState } from './state.ts';

/**
 * - `mask`: one-way masked form (`**** **** **** 1111`, `j***@acme.example`, `ghp_****`).
 * - `placeholder`: `[EMAIL_1]`, stable in the conversation; the value is not kept (only a salted
 *   hash), so `restore` leaves it as it is.
 * - `pseudonymize`: the same placeholders, and the value is kept in the state on the device so
 *   `restore` puts it back into the AI's reply.
 * - `drop`: the value is removed.
 */
export const RedactionOperator = z.enum(['mask', 'placeholder', 'pseudonymize', 'drop']);
export type RedactionOperator = z.infer<typeof RedactionOperator>;

/** Which operator each type gets: `byType` first, then `default` (`placeholder` if not given). */
export const RedactOptions = z.strictObject({
  default: RedactionOperator.default('placeholder'),
  byType: z.record(z.string(), RedactionOperator).default({}),
});
export type RedactOptions = z.input<typeof RedactOptions>;

/** One replaced range: `start`/`end` in the input, `newStart`/`newEnd` in the output (UTF-16). */
export interface Replacement {
  type: FindingType;
  operator: RedactionOperator;
  /**
   * The input range replaced: the finding, widened to whole code points, merged with findings
   * overlapping it, and for `drop` possibly one blank more.
   */
  start: number;
  end: number;
  newStart: number;
  newEnd: number;
}

export interface RedactResult {
  text: string;
  state: RedactionState;
  /** Sorted by `start`; input outside these ranges is copied unchanged. */
  replacements: Replacement[];
}

/** Stands for a placeholder while the literal text is scanned; never part of a placeholder token. */
const SLOT = '\u0000';

/**
 * Redacts one message. Whole-text findings (`source_code`, `confidential_marking`) are skipped;
 * overlapping findings are merged (see `spans.ts`).
 *
 * Placeholders never collide with text already in the conversation: every placeholder-shaped
 * token the AI will see that we did not issue (in this message after redaction, or recorded in
 * the state from earlier messages) is reserved and skipped when numbering.
 *
 * @example
 * const r = redact('mail bob@acme.example', [{ type: 'email', start: 5, end: 21, confidence: 0.9 }],
 *   { default: 'pseudonymize' }, createRedactionState());
 * r.text // 'mail [EMAIL_1]'
 * restore('Sent to [EMAIL_1].', r.state) // 'Sent to bob@acme.example.'
 */
export function redact(text: string, findings: readonly Finding[], options: RedactOptions, state: RedactionState): RedactResult {
  const opts = RedactOptions.parse(options);
  const spans = redactSpans(text, findings);
  const conv = new Conversation(state);

  // Output pieces; a placeholder is first a SLOT, filled in once the literal text is known.
  const out: string[] = [];
  const replacements: Replacement[] = [];
  /** out index of each replacement's piece */
  const pieceOf: number[] = [];
  const slots: { piece: number; type: FindingType; value: string; keep: boolean }[] = [];
  let cursor = 0;
  /** last code unit of the output so far (-1: none yet), for tidying after `drop` */
  let last = -1;

  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as RedactSpan;
    const operator = opts.byType[span.type] ?? opts.default;
    let { start, end } = span;
    if (operator === 'drop') {
      const limit = i + 1 < spans.length ? (spans[i + 1] as RedactSpan).start : text.length;
      ({ start, end } = dropRange(text, start, end, cursor, limit, last));
    }
    if (start > cursor) {
      const literal = text.slice(cursor, start);
      out.push(literal);
      last = literal.charCodeAt(literal.length - 1);
    }
    let piece = '';
    if (operator === 'mask') {
      piece = mask(text.slice(start, end), span.type, span.strict);
    } else if (operator !== 'drop') {
      slots.push({ piece: out.length, type: span.type, value: text.slice(start, end), keep: operator === 'pseudonymize' });
      piece = SLOT;
    }
    if (piece.length > 0) last = piece === SLOT ? 0x5d /* a placeholder ends with `]` */ : piece.charCodeAt(piece.length - 1);
    pieceOf.push(out.length);
    out.push(piece);
    replacements.push({ type: span.type, operator, start, end, newStart: 0, newEnd: 0 });
    cursor = end;
  }
  if (cursor < text.length) out.push(text.slice(cursor));

  // Reserve what the AI will see that we did not issue, then number the placeholders.
  conv.observe(out.join(''));
  for (const s of slots) out[s.piece] = conv.placeholderFor(s.type, s.value, s.keep);

  // Output offsets: one pass over the pieces.
  let pos = 0;
  let r = 0;
  for (let p = 0; p < out.length; p++) {
    const len = (out[p] as string).length;
    if (r < pieceOf.length && pieceOf[r] === p) {
      const rep = replacements[r++] as Replacement;
      rep.newStart = pos;
      rep.newEnd = pos + len;
    }
    pos += len;
  }
  return { text: out.join(''), state: conv.toState(), replacements };
}

/**
 * Records a message that was not redacted (sent as is, or an AI reply as received) so its
 * placeholder-shaped text is never issued later in this conversation.
 *
 * @example
 * const s = observe('I typed [EMAIL_1] myself', createRedactionState());
 * // the next new e-mail in this conversation becomes [EMAIL_2]
 */
export function observe(text: string, state: RedactionState): RedactionState {
  const conv = new Conversation(state);
  conv.observe(text);
  return conv.toState();
}
