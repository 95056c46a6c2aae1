import { describe, expect, it } from 'vitest';
import { encodeMessage, MAX_MESSAGE_BYTES, MessageReader } from './protocol.ts';

describe('native messaging framing', () => {
  it('round-trips messages split across and joined within chunks', () => {
    const a = encodeMessage({ type: 'ping', id: 'é1' });
    const b = encodeMessage({ type: 'ping', id: '2' });
    const all = Buffer.concat([a, b]);
    const r = new MessageReader();
    expect(r.push(all.subarray(0, 3))).toEqual([]);
    expect(r.push(all.subarray(3, a.length + 5))).toEqual([{ type: 'ping', id: 'é1' }]);
    expect(r.push(all.subarray(a.length + 5))).toEqual([{ type: 'ping', id: '2' }]);
  });

  it('uses a 32-bit little-endian length of the UTF-8 bytes', () => {
    const m = encodeMessage('ü');
    expect(m.readUInt32LE(0)).toBe(4); // "ü" in quotes: 1 + 2 + 1 bytes
    expect(m.subarray(4).toString('utf8')).toBe('"ü"');
  });

  it('reports a frame that is not JSON and goes on; refuses an oversized frame', () => {
    const bad = Buffer.from('{oops');
    const head = Buffer.alloc(4);
    head.writeUInt32LE(bad.length);
    const r = new MessageReader();
    const out = r.push(Buffer.concat([head, bad, encodeMessage({ ok: 1 })]));
    expect(out[0]).toBeInstanceOf(Error);
    expect(out[1]).toEqual({ ok: 1 });
    const huge = Buffer.alloc(4);
    huge.writeUInt32LE(MAX_MESSAGE_BYTES + 1);
    expect(() => new MessageReader().push(huge)).toThrow(/exceeds/);
    expect(() => encodeMessage('x'.repeat(MAX_MESSAGE_BYTES))).toThrow(/exceeds/);
  });
});
