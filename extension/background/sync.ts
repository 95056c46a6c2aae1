import { z } from 'zod';
import { type EnrollRequest, EnrollResponse } from '../../shared/contracts/enroll.ts';
import type { ClientEvent } from '../../shared/contracts/events.ts';
import { SignedPolicy, verifyPolicy } from '../../shared/policy/index.ts';
import { PRODUCT } from '../../shared/version.ts';
import { browser } from '../platform/browser.ts';
import { readConfig } from './config.ts';
import { dueHeartbeat, markHeartbeatSent } from './heartbeat.ts';
import { fetchDirectory } from './directory.ts';
import { fetchNotices } from './notices.ts';
import { createQueue } from './queue.ts';

/**
 * Enrollment, signed-policy sync and event delivery. Everything durable is in storage.local; each
 * step re-reads it, so a worker restart in the middle loses nothing.
 */
export const Enrollment = EnrollResponse.extend({ serverUrl: z.string() });
export type Enrollment = z.infer<typeof Enrollment>;

const StoredPolicy = z.object({ signed: SignedPolicy, etag: z.string().optional() });
export type StoredPolicy = z.infer<typeof StoredPolicy>;

export async function getEnrollment(): Promise<Enrollment | undefined> {
  const r = Enrollment.safeParse((await browser.storage.local.get('enrollment'))['enrollment']);
  return r.success ? r.data : undefined;
}

export async function getStoredPolicy(): Promise<StoredPolicy | undefined> {
  const r = StoredPolicy.safeParse((await browser.storage.local.get('policy'))['policy']);
  return r.success ? r.data : undefined;
}

export function outbox() {
  return createQueue<ClientEvent>(
    { get: async (k) => (await browser.storage.local.get(k))[k], set: (k, v) => browser.storage.local.set({ [k]: v }) },
    <T>(fn: () => Promise<T>) => navigator.locks.request('daylight-outbox', fn) as unknown as Promise<T>,
  );
}

function platformOs(): EnrollRequest['os'] {
  const p = navigator.userAgent;
  if (/Windows/.test(p)) return 'windows';
  if (/Mac OS X/.test(p)) return 'macos';
  if (/CrOS/.test(p)) return 'chromeos';
  if (/Linux/.test(p)) return 'linux';
  return 'other';
}

function browserInfo(): NonNullable<EnrollRequest['browser']> {
  const ua = navigator.userAgent;
  const edge = /Edg\/([\d.]+)/.exec(ua);
  if (edge) return { name: 'edge', version: edge[1] as string };
  const ff = /Firefox\/([\d.]+)/.exec(ua);
  if (ff) return { name: 'firefox', version: ff[1] as string };
  const chrome = /Chrome\/([\d.]+)/.exec(ua);
  return chrome ? { name: 'chrome', version: chrome[1] as string } : { name: 'other', version: 'unknown' };
}

async function enroll(serverUrl: string, token: string, userId: string | undefined): Promise<Enrollment> {
  const body: EnrollRequest = {
    agent: 'extension',
    agentVersion: PRODUCT.version,
    os: platformOs(),
    browser: browserInfo(),
    ...(userId ? { user: { id: userId, source: 'mdm' as const } } : {}),
  };
  const res = await fetch(`${serverUrl}/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`enrollment failed: HTTP ${res.status}`);
  const enrollment = { ...EnrollResponse.parse(await res.json()), serverUrl };
  await browser.storage.local.set({ enrollment });
  return enrollment;
}

async function syncPolicy(e: Enrollment): Promise<void> {
  const stored = await getStoredPolicy();
  const res = await fetch(`${e.serverUrl}/v1/policy`, {
    headers: { authorization: `Bearer ${e.credential}`, ...(stored?.etag ? { 'if-none-match': stored.etag } : {}) },
  });
  // The server answers again: queued events need not wait out the backoff of earlier failures.
  if (res.ok || res.status === 304) await outbox().retryNow();
  if (res.status === 304) return;
  if (!res.ok) throw new Error(`policy fetch failed: HTTP ${res.status}`);
  const result = verifyPolicy(await res.json(), e.policyPublicKey, e.tenantId, stored?.signed.version ?? 0);
  // Anything that does not verify is dropped; the last good policy stays in force.
  if (!result.ok) {
    console.warn(`Daylight: policy refused (${result.reason}): ${result.message}`);
    return;
  }
  await browser.storage.local.set({ policy: { signed: result.policy, etag: res.headers.get('etag') ?? undefined } });
}

async function deliver(e: Enrollment): Promise<number> {
  return outbox().flush(async (events) => {
    const res = await fetch(`${e.serverUrl}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${e.credential}` },
      body: JSON.stringify({ events }),
    });
    if (!res.ok) throw new Error(`ingest failed: HTTP ${res.status}`);
  });
}

async function heartbeat(e: Enrollment): Promise<void> {
  const [policy, queue] = await Promise.all([getStoredPolicy(), outbox().size()]);
  const body = await dueHeartbeat(policy?.signed.version, queue);
  if (!body) return;
  const res = await fetch(`${e.serverUrl}/v1/device/heartbeat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${e.credential}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`heartbeat failed: HTTP ${res.status}`);
  await markHeartbeatSent();
}

/**
 * One sync round: enroll if needed, refresh the policy and the directory groups, deliver queued
 * events, send the heartbeat, fetch notices. Never throws.
 * Rounds never overlap (a Web Lock), so two triggers at once cannot enroll the device twice.
 */
export async function syncOnce(): Promise<void> {
  await navigator.locks.request('daylight-sync', syncRound);
}

async function syncRound(): Promise<void> {
  try {
    const found = await readConfig();
    if (!found) return;
    let e = await getEnrollment();
    if (!e || e.serverUrl !== found.config.serverUrl)
      e = await enroll(found.config.serverUrl, found.config.enrollmentToken, found.config.userId);
    await syncPolicy(e).catch((err: unknown) => console.warn('Daylight:', err instanceof Error ? err.message : err));
    await fetchDirectory(e.serverUrl, e.credential).catch((err: unknown) =>
      console.warn('Daylight:', err instanceof Error ? err.message : err),
    );
    await deliver(e);
    await heartbeat(e);
    await fetchNotices(e.serverUrl, e.credential);
  } catch (err) {
    console.warn('Daylight sync:', err instanceof Error ? err.message : err);
  }
}
