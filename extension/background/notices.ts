import { DeviceNoticeList } from '../../shared/contracts/review.ts';
import { browser } from '../platform/browser.ts';
import { mergeNotices, NoticeState } from './notice-state.ts';

export async function readNotices(): Promise<NoticeState> {
  return NoticeState.catch({ after: 0, items: [], unread: 0 }).parse((await browser.storage.local.get('notices'))['notices'] ?? {});
}

export async function fetchNotices(serverUrl: string, credential: string): Promise<void> {
  const state = await readNotices();
  const res = await fetch(`${serverUrl}/v1/device/notices?after=${state.after}`, { headers: { authorization: `Bearer ${credential}` } });
  if (!res.ok) throw new Error(`notices fetch failed: HTTP ${res.status}`);
  const next = mergeNotices(state, DeviceNoticeList.parse(await res.json()).notices);
  if (next === state) return;
  await browser.storage.local.set({ notices: next });
  await browser.action.setBadgeText({ text: next.unread ? String(Math.min(next.unread, 99)) : '' });
}

/** The popup was opened: the notices are read. */
export async function markNoticesRead(): Promise<NoticeState> {
  const state = await readNotices();
  if (state.unread) {
    await browser.storage.local.set({ notices: { ...state, unread: 0 } });
    await browser.action.setBadgeText({ text: '' });
  }
  return state;
}
