import { describe, expect, it } from 'vitest';
import { restore } from './restore.ts';
import { createRedactionState, type RedactionState } from './state.ts';

const state: RedactionState = {
  ...createRedactionState('00'.repeat(16)),
  counters: { EMAIL: 10, CREDIT_CARD: 1 },
  entries: [
    { placeholder: '[EMAIL_1]', type: 'email', value: 'a@x.example' },
    { placeholder: '[EMAIL_10]', type: 'email', value: 'j@x.example' },
    { placeholder: '[CREDIT_CARD_1]', type: 'credit_card', hash: 'ab'.repeat(16) },
  ],
  reserved: ['[EMAIL_2]'],
};

describe('restore', () => {
  it.each([
    ['Write to [EMAIL_1].', 'Write to a@x.example.'],
    ['[EMAIL_1], [EMAIL_1] and [EMAIL_10]', 'a@x.example, a@x.example and j@x.example'],
    ['x[EMAIL_1]y', 'xa@x.example' + 'y'],
    ['[[EMAIL_1]]', '[a@x.example]'],
    // not ours: other case, leading zero, reserved (typed by the user), placeholder-only entries
    ['[email_1] [Email_1] [EMAIL_01]', '[email_1] [Email_1] [EMAIL_01]'],
    ['[EMAIL_2] stays', '[EMAIL_2] stays'],
    ['card [CREDIT_CARD_1]', 'card [CREDIT_CARD_1]'],
    ['[EMAIL_3] never issued', '[EMAIL_3] never issued'],
    ['no placeholders at all', 'no placeholders at all'],
    ['', ''],
  ])('%j -> %j', (reply, expected) => {
    expect(restore(reply, state)).toBe(expected);
  });

  it('inserts values literally (no $-pattern expansion)', () => {
    const s: RedactionState = { ...state, entries: [{ placeholder: '[PASSWORD_1]', type: 'password', value: "$&$'$1" }] };
    expect(restore('pw [PASSWORD_1]', s)).toBe("pw $&$'$1");
  });
});
