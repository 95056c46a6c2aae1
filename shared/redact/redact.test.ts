import { describe, expect, it } from 'vitest';
import type { Finding, FindingType } from '../detect/types.ts';
import { observe, redact, type RedactOptions } from './redact.ts';
import { restore } from './restore.ts';
import { createRedactionState, RedactionState } from './state.ts';

const SALT = '0123456789abcdef0123456789abcdef';
const fresh = () => createRedactionState(SALT);

/** Findings for every `<...>` of `marked` with the given types, plus the unmarked text. */
function marked(m: string, ...types: FindingType[]): { text: string; findings: Finding[] } {
  const findings: Finding[] = [];
  let text = '';
  let k = 0;
  for (const part of m.split(/(<[^<>]*>)/)) {
    if (part.startsWith('<') && part.endsWith('>')) {
      const value = part.slice(1, -1);
      findings.push({ type: types[k++] as FindingType, start: text.length, end: text.length + value.length, confidence: 0.9 });
      text += value;
    } else text += part;
  }
  return { text, findings };
}

function run(m: string, types: FindingType[], options: RedactOptions, state = fresh()) {
  const { text, findings } = marked(m, ...types);
  return { input: text, ...redact(text, findings, options, state) };
}

describe('redact', () => {
  it('applies each operator', () => {
    const m = 'Mail <bob@acme.example> card <4111 1111 1111 1111> now';
    const types: FindingType[] = ['email', 'credit_card'];
    expect(run(m, types, { default: 'mask' }).text).toBe('Mail b***@acme.example card **** **** **** 1111 now');
    expect(run(m, types, { default: 'placeholder' }).text).toBe('Mail [EMAIL_1] card [CREDIT_CARD_1] now');
    expect(run(m, types, { default: 'pseudonymize' }).text).toBe('Mail [EMAIL_1] card [CREDIT_CARD_1] now');
    expect(run(m, types, { default: 'drop' }).text).toBe('Mail card now');
    expect(run(m, types, { default: 'drop', byType: { credit_card: 'mask' } }).text).toBe('Mail card **** **** **** 1111 now');
    expect(run(m, types, {}).text).toBe('Mail [EMAIL_1] card [CREDIT_CARD_1] now');
  });

  it('reports replacements consistent with input and output', () => {
    const r = run('a <bob@acme.example> b <555-0100> c', ['email', 'phone'], { default: 'pseudonymize', byType: { phone: 'drop' } });
    expect(r.text).toBe('a [EMAIL_1] b c');
    expect(r.replacements).toEqual([
      { type: 'email', operator: 'pseudonymize', start: 2, end: 18, newStart: 2, newEnd: 11 },
      { type: 'phone', operator: 'drop', start: 21, end: 30, newStart: 14, newEnd: 14 },
    ]);
    expect(r.input.slice(21, 30)).toBe('555-0100 ');
  });

  it('numbers per type and gives a repeated value the same placeholder', () => {
    const r = run('<a@x.example> <b@x.example> <a@x.example> <4111111111111111>', ['email', 'email', 'email', 'credit_card'], {
      default: 'placeholder',
    });
    expect(r.text).toBe('[EMAIL_1] [EMAIL_2] [EMAIL_1] [CREDIT_CARD_1]');
    expect(r.state.counters).toEqual({ EMAIL: 2, CREDIT_CARD: 1 });
  });

  it('keeps placeholders stable across the messages of one conversation', () => {
    const first = run('to <a@x.example>', ['email'], { default: 'pseudonymize' });
    const second = run('cc <b@x.example> and <a@x.example>', ['email', 'email'], { default: 'pseudonymize' }, first.state);
    expect(second.text).toBe('cc [EMAIL_2] and [EMAIL_1]');
    // Another conversation starts again at 1.
    expect(run('to <b@x.example>', ['email'], { default: 'pseudonymize' }).text).toBe('to [EMAIL_1]');
  });

  it('the same value as another type gets its own placeholder', () => {
    const r = run('<123456789> <123456789>', ['us_ssn', 'nl_bsn'], { default: 'pseudonymize' });
    expect(r.text).toBe('[US_SSN_1] [NL_BSN_1]');
  });

  it('does not change the given state and returns a JSON-safe one', () => {
    const s0 = fresh();
    const before = JSON.stringify(s0);
    const r = run('to <a@x.example>', ['email'], { default: 'pseudonymize' }, s0);
    expect(JSON.stringify(s0)).toBe(before);
    expect(RedactionState.parse(JSON.parse(JSON.stringify(r.state)))).toEqual(r.state);
    const r2 = run('to <b@x.example>', ['email'], { default: 'placeholder' }, r.state);
    expect(r.state.entries).toHaveLength(1);
    expect(r2.state.entries).toHaveLength(2);
  });

  it('placeholder keeps only a salted hash, pseudonymize keeps the value', () => {
    const p = run('to <a@x.example>', ['email'], { default: 'placeholder' });
    expect(JSON.stringify(p.state)).not.toContain('a@x.example');
    expect(p.state.entries[0]?.hash).toMatch(/^[0-9a-f]{32}$/);
    expect(restore('reply to [EMAIL_1]', p.state)).toBe('reply to [EMAIL_1]');
    // Different salt, different hash: a stored hash cannot be matched across conversations.
    const other = redact(
      p.input,
      marked('to <a@x.example>', 'email').findings,
      { default: 'placeholder' },
      createRedactionState('ff'.repeat(16)),
    );
    expect(other.state.entries[0]?.hash).not.toBe(p.state.entries[0]?.hash);

    const q = run('to <a@x.example>', ['email'], { default: 'pseudonymize' });
    expect(q.state.entries[0]).toEqual({ placeholder: '[EMAIL_1]', type: 'email', value: 'a@x.example' });
    expect(restore('reply to [EMAIL_1]', q.state)).toBe('reply to a@x.example');
  });

  it('a value first replaced by placeholder and later pseudonymized keeps its placeholder and becomes restorable', () => {
    const p = run('to <a@x.example>', ['email'], { default: 'placeholder' });
    const q = run('again <a@x.example>', ['email'], { default: 'pseudonymize' }, p.state);
    expect(q.text).toBe('again [EMAIL_1]');
    expect(q.state.entries).toHaveLength(1);
    expect(restore('[EMAIL_1]', q.state)).toBe('a@x.example');
    // And back: placeholder reuses the pseudonymized entry.
    const r = run('and <a@x.example>', ['email'], { default: 'placeholder' }, q.state);
    expect(r.text).toBe('and [EMAIL_1]');
  });

  it('never issues a placeholder the user already typed in this message', () => {
    const r = run('I called him [EMAIL_1] and [EMAIL_2]; real one is <a@x.example>', ['email'], { default: 'pseudonymize' });
    expect(r.text).toBe('I called him [EMAIL_1] and [EMAIL_2]; real one is [EMAIL_3]');
    expect(r.state.reserved).toEqual(['[EMAIL_1]', '[EMAIL_2]']);
    // restore does not touch what the user typed
    expect(restore(r.text, r.state)).toBe(r.input);
  });

  it('never issues a placeholder seen in an earlier message or an AI reply', () => {
    let s = run('see [EMAIL_1]', [], { default: 'pseudonymize' }).state;
    s = observe('The AI wrote [EMAIL_2] and [PHONE_1].', s);
    const r = run('<a@x.example> <555-0100-77>', ['email', 'phone'], { default: 'pseudonymize' }, s);
    expect(r.text).toBe('[EMAIL_3] [PHONE_2]');
  });

  it('a collision can also come from text joined by drop or written by mask', () => {
    const r = run('[EMAIL_<secret-value>1] <a@x.example>', ['password', 'email'], {
      default: 'pseudonymize',
      byType: { password: 'drop' },
    });
    expect(r.text).toBe('[EMAIL_1] [EMAIL_2]');
    expect(restore(r.text, r.state)).toBe('[EMAIL_1] a@x.example');
  });

  it('a placeholder issued earlier and typed again by the user is a reference to it', () => {
    const first = run('to <a@x.example>', ['email'], { default: 'pseudonymize' });
    const second = run('what did [EMAIL_1] say? also <b@x.example>', ['email'], { default: 'pseudonymize' }, first.state);
    expect(second.text).toBe('what did [EMAIL_1] say? also [EMAIL_2]');
    expect(second.state.reserved).toEqual([]);
    expect(restore('[EMAIL_1] said hi', second.state)).toBe('a@x.example said hi');
  });

  it('skips whole-text findings and merges overlapping ones', () => {
    const { text } = marked('x');
    const code = 'const url = "postgres://app:pw123456@db.example/app";';
    const start = code.indexOf('postgres');
    const findings: Finding[] = [
      { type: 'source_code', start: 0, end: code.length, confidence: 0.9 },
      { type: 'connection_string', start, end: code.indexOf('";'), confidence: 0.9 },
      { type: 'password', start: code.indexOf('pw1'), end: code.indexOf('@db'), confidence: 0.95 },
    ];
    expect(text).toBe('x');
    expect(redact(code, findings, { default: 'mask' }, fresh()).text).toBe('const url = "****";');
    expect(redact(code, findings, { default: 'pseudonymize' }, fresh()).text).toBe('const url = "[CONNECTION_STRING_1]";');
    expect(redact(code, findings.slice(0, 1), { default: 'drop' }, fresh()).text).toBe(code);
  });

  it('never splits a surrogate pair', () => {
    const text = 'x 😀12345678😀 y';
    const r = redact(text, [{ type: 'credit_card', start: 3, end: 13, confidence: 0.9 }], { default: 'mask' }, fresh());
    expect(r.text).toBe('x ******678😀 y');
    expect(r.replacements[0]).toMatchObject({ start: 2, end: 14 });
  });

  it('rejects options it does not know', () => {
    expect(() => redact('x', [], { default: 'shred' as never }, fresh())).toThrow();
  });
});
