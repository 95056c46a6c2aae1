import { browser } from '../platform/browser.ts';

/** Recent AI-app activity of this browser session, kept in session storage (the worker may die). */
export interface Activity {
  host: string;
  appId: string;
  at: number;
}

const KEY = 'recentActivity';
const MAX = 50;

/** Records a visit to an AI app (resolved by the caller from the tenant's catalog). */
export async function recordVisit(host: string, appId: string, now = Date.now()): Promise<Activity> {
  const entry: Activity = { host, appId, at: now };
  const current = await recentActivity();
  await browser.storage.session.set({ [KEY]: [entry, ...current].slice(0, MAX) });
  return entry;
}

export async function recentActivity(): Promise<Activity[]> {
  const got = await browser.storage.session.get(KEY);
  const v = got[KEY];
  return Array.isArray(v) ? (v as Activity[]) : [];
}
