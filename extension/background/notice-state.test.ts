import { describe, expect, it } from 'vitest';
import type { DeviceNotice } from '../../shared/contracts/review.ts';
import { KEEP, mergeNotices } from './notice-state.ts';

const notice = (seq: number): DeviceNotice => ({
  id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
  seq,
  kind: 'justification_denied',
  app: 'chatgpt',
  message: `message ${seq}`,
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('mergeNotices', () => {
  it('keeps new notices newest first, moves the cursor and counts them unread', () => {
    const s = mergeNotices({ after: 0, items: [], unread: 0 }, [notice(3), notice(5)]);
    expect(s.after).toBe(5);
    expect(s.items.map((n) => n.seq)).toEqual([5, 3]);
    expect(s.unread).toBe(2);
    const t = mergeNotices(s, [notice(5), notice(9)]);
    expect(t.items.map((n) => n.seq)).toEqual([9, 5, 3]);
    expect(t.unread).toBe(3);
  });

  it('answers the same state when nothing is new, and keeps at most KEEP', () => {
    const s = { after: 5, items: [notice(5)], unread: 0 };
    expect(mergeNotices(s, [notice(4), notice(5)])).toBe(s);
    const many = mergeNotices(
      s,
      Array.from({ length: 30 }, (_, i) => notice(10 + i)),
    );
    expect(many.items).toHaveLength(KEEP);
    expect(many.items[0]!.seq).toBe(39);
  });
});
