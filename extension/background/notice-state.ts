import { z } from 'zod';
import { DeviceNotice } from '../../shared/contracts/review.ts';

/**
 * Messages from the tenant's reviewers (a denied or approved justification), fetched on every
 * sync after the last one seen and kept for the popup (newest first, at most {@link KEEP}). New
 * ones light the toolbar badge until the popup is opened.
 */
export const KEEP = 20;

export const NoticeState = z.object({
  after: z.number().int().min(0).default(0),
  items: z.array(DeviceNotice).default([]),
  unread: z.number().int().min(0).default(0),
});
export type NoticeState = z.infer<typeof NoticeState>;

/** Merges fetched notices into the state (pure; unit-tested). */
export function mergeNotices(state: NoticeState, fetched: readonly DeviceNotice[]): NoticeState {
  const fresh = fetched.filter((n) => n.seq > state.after);
  if (!fresh.length) return state;
  return {
    after: Math.max(state.after, ...fresh.map((n) => n.seq)),
    items: [...[...fresh].reverse(), ...state.items].slice(0, KEEP),
    unread: state.unread + fresh.length,
  };
}
