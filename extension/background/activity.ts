import { findAppByHost } from '../../shared/catalog/match.ts';
import { browser } from '../platform/browser.ts';

/** Recent AI-app activity of this browser session, kept in session storage (the worker may die). */
export interface Activity {
  host: string;
  appId: string;
  at: number;
}

const KEY = 'recentActivity';
const MAX = 50;

export async function recordVisit(host: string, now = Date.now()): Promise<Activity | undefined> {
  const app = findAppByHost(host);
  if (!app) return undefined;
  const entry: Activity = { host, appId: app.id, at: now };
  const current = await recentActivity();
  await browser.storage.session.set({ [KEY]: [entry, ...current].slice(0, MAX) });
  return entry;
}

export async function recentActivity(): Promise<Activity[]> {
  const got = await browser.storage.session.get(KEY);
  const v = got[KEY];
  return Array.isArray(v) ? (v as Activity[]) : [];
}
