/**
 * `restore`: puts pseudonymized values back into an AI reply, on the device.
 */
import { forEachPlaceholderToken } from './placeholder.ts';
import type { RedactionState } from './state.ts';

/**
 * Replaces every placeholder issued by `pseudonymize` in this conversation with its original
 * value. Matching is exact (case and digits): `[email_1]` or `[EMAIL_01]` are not ours. Text the
 * user or the AI wrote that only looks like a placeholder is untouched, because such tokens are
 * reserved and never issued; `placeholder` entries (no value kept) stay as they are.
 *
 * @example
 * restore('I wrote to [EMAIL_1] and [EMAIL_1].', state) // 'I wrote to bob@acme.example and bob@acme.example.'
 */
export function restore(text: string, state: RedactionState): string {
  const values = new Map<string, string>();
  for (const e of state.entries) if (e.value !== undefined) values.set(e.placeholder, e.value);
  if (values.size === 0) return text;
  const out: string[] = [];
  let cursor = 0;
  forEachPlaceholderToken(text, (token, start) => {
    const value = values.get(token);
    if (value === undefined) return;
    out.push(text.slice(cursor, start), value);
    cursor = start + token.length;
  });
  if (cursor === 0) return text;
  out.push(text.slice(cursor));
  return out.join('');
}
