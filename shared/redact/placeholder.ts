/**
 * Placeholder text: `[EMAIL_1]`, `[CREDIT_CARD_2]`, `[TENANT_PROJECT_CODENAME_1]`.
 *
 * The brackets matter: a placeholder contains exactly one `[` (its first character) and one `]`
 * (its last), so two placeholders never overlap, `[EMAIL_1]` is never found inside `[EMAIL_10]`,
 * and a placeholder can be told apart from the text around it.
 */
import type { FindingType } from '../detect/types.ts';

/**
 * Every string shaped like a placeholder (ours or typed by someone): `[`, a label of upper-case
 * letters, digits and `_` starting with a letter, `_`, a number without leading zero, `]`.
 * Bounded quantifiers keep the scan linear (at most ~90 steps of backtracking per `[`).
 */
export const PLACEHOLDER_PATTERN = /\[[A-Z][A-Z0-9_]{0,80}_[1-9][0-9]{0,8}\]/g;

/**
 * The label of a type in placeholders: the type id in upper case; tenant types become
 * `TENANT_<ID>` with `.` and `-` as `_`.
 *
 * @example
 * placeholderLabel('credit_card')            // 'CREDIT_CARD'
 * placeholderLabel('tenant:project-falcon')  // 'TENANT_PROJECT_FALCON'
 */
export function placeholderLabel(type: FindingType): string {
  const id = type.startsWith('tenant:') ? `tenant_${type.slice('tenant:'.length)}` : type;
  return id.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

/** `[LABEL_n]`. */
export function formatPlaceholder(label: string, n: number): string {
  return `[${label}_${n}]`;
}

/**
 * Calls `fn` for every placeholder-shaped token in `text`, left to right, without overlaps.
 *
 * @example
 * const seen: string[] = [];
 * forEachPlaceholderToken('see [EMAIL_1] and [x_1]', (t) => seen.push(t)); // seen: ['[EMAIL_1]']
 */
export function forEachPlaceholderToken(text: string, fn: (token: string, start: number) => void): void {
  // indexOf('[') first: prose without brackets costs one native scan and no regex at all.
  if (text.indexOf('[') < 0) return;
  const re = new RegExp(PLACEHOLDER_PATTERN.source, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) fn(m[0], m.index);
}
