import { describe, expect, it } from 'vitest';
import { parseMessage } from './protocol.ts';

describe('parseMessage', () => {
  it('accepts a well-formed hello', () => {
    expect(parseMessage({ type: 'content->background:hello', host: 'chatgpt.com', topFrame: true })).toEqual({
      type: 'content->background:hello',
      host: 'chatgpt.com',
      topFrame: true,
    });
  });
  it.each([null, 'hello', {}, { type: 'unknown' }, { type: 'content->background:hello', host: '' }])('drops %j', (raw) => {
    expect(parseMessage(raw)).toBeUndefined();
  });
});
