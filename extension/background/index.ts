/**
 * MV3 service worker. It can be stopped at any time: no mutable module state, every listener
 * registered synchronously here at start, anything durable in storage.
 */
import { findAppByHost } from '../../shared/catalog/match.ts';
import type { ClientEvent } from '../../shared/contracts/events.ts';
import { decideApp, defaultPolicy, effectiveCatalog, subjectGroups } from '../../shared/policy/index.ts';
import { PRODUCT } from '../../shared/version.ts';
import { parseMessage, type BlockedInfo, type Status, type TabContext } from '../messaging/protocol.ts';
import { blockRules, MAX_RULES, sanctionedAlternatives } from './blocking.ts';
import { readConfig } from './config.ts';
import { recordAdapterHealth } from './heartbeat.ts';
import { browser, type Runtime } from '../platform/browser.ts';
import { recentActivity, recordVisit } from './activity.ts';
import { directoryGroups } from './directory.ts';
import { markNoticesRead } from './notices.ts';
import { getEnrollment, getStoredPolicy, outbox, syncOnce } from './sync.ts';

const SYNC_ALARM = 'daylight-sync';

function senderHost(sender: Runtime.MessageSender): string | undefined {
  try {
    return sender.url ? new URL(sender.url).hostname : undefined;
  } catch {
    return undefined;
  }
}

/** True for the extension's own pages (popup, block page, options), never for content scripts. */
function fromExtensionPage(sender: Runtime.MessageSender): boolean {
  // Content scripts send with the web page's URL; extension pages with the extension's own.
  return sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL(''));
}

/** Who is browsing, for decisions in the background: the enrolled user, the MDM and directory groups. */
async function currentSubject(): Promise<{ userId?: string; groups: string[] }> {
  const [enrollment, config, directory] = await Promise.all([getEnrollment(), readConfig(), directoryGroups()]);
  const userId = enrollment?.user?.id ?? config?.config.userId;
  return { ...(userId ? { userId } : {}), groups: subjectGroups(config?.config.groups ?? [], directory) };
}

/** Replaces the app-blocking redirect rules with those of the current policy and user. */
async function applyBlocking(): Promise<void> {
  const policy = (await getStoredPolicy())?.signed.policy ?? defaultPolicy();
  const rules = blockRules(policy, await currentSubject(), browser.runtime.getURL('ui/blocked/index.html'));
  const existing = await browser.declarativeNetRequest.getDynamicRules();
  await browser.declarativeNetRequest.updateDynamicRules({
    removeRuleIds: existing.map((r) => r.id).filter((id) => id <= MAX_RULES),
    addRules: rules,
  });
}

async function handleMessage(raw: unknown, sender: Runtime.MessageSender): Promise<unknown> {
  const msg = parseMessage(raw);
  if (!msg) return undefined;
  switch (msg.type) {
    case 'content->background:adapter-health': {
      if (!senderHost(sender)) return undefined;
      await recordAdapterHealth(msg.health);
      void syncOnce();
      return { ok: true };
    }
    case 'page->background:blocked-info': {
      if (!fromExtensionPage(sender)) return undefined;
      const [stored, enrollment] = await Promise.all([getStoredPolicy(), getEnrollment()]);
      const policy = stored?.signed.policy ?? defaultPolicy();
      const subject = await currentSubject();
      const app = effectiveCatalog(policy).find((a) => a.id === msg.appId);
      const decision = app ? decideApp(policy, { ...subject, appId: app.id, category: app.category }) : undefined;
      const info: BlockedInfo = {
        app: app ? { id: app.id, name: app.name, vendor: app.vendor } : null,
        message: decision?.message ?? policy.messages.block,
        alternatives: sanctionedAlternatives(policy, subject).map((a) => ({ name: a.name, url: `https://${a.domains[0] ?? ''}/` })),
        canRequest: enrollment !== undefined,
      };
      return info;
    }
    case 'page->background:request-access': {
      if (!fromExtensionPage(sender)) return { ok: false };
      const event: ClientEvent = {
        id: crypto.randomUUID(),
        at: new Date().toISOString(),
        app: msg.appId,
        host: msg.host.toLowerCase(),
        surface: 'browser',
        action: 'visit',
        decision: 'block',
        dataTypes: [],
        justification: `access-request ${msg.reason}: ${msg.text}`,
      };
      await outbox().enqueue(event);
      void syncOnce();
      return { ok: true };
    }
    case 'content->background:hello': {
      // Trust the sender's URL over what the page-side script claims.
      const host = senderHost(sender) ?? msg.host;
      const [stored, enrollment, config, directory] = await Promise.all([
        getStoredPolicy(),
        getEnrollment(),
        readConfig(),
        directoryGroups(),
      ]);
      const policy = stored?.signed.policy ?? defaultPolicy();
      const app = findAppByHost(host, effectiveCatalog(policy));
      const userId = enrollment?.user?.id ?? config?.config.userId;
      const groups = subjectGroups(config?.config.groups ?? [], directory);
      const context: TabContext = {
        app: app ? { id: app.id, name: app.name, category: app.category } : null,
        ...(userId ? { userId } : {}),
        groups,
        ...(enrollment && policy.privacy.tier !== 'minimal' ? { valueHashKey: enrollment.valueHashKey } : {}),
      };
      const visit = app ? await recordVisit(host, app.id) : undefined;
      // One visit event per top-level page load of an AI app.
      if (visit && app && msg.topFrame) {
        const decision = decideApp(policy, { appId: app.id, category: app.category, groups, ...(userId ? { userId } : {}) });
        const event: ClientEvent = {
          id: crypto.randomUUID(),
          at: new Date().toISOString(),
          app: app.id,
          host,
          surface: 'browser',
          action: 'visit',
          decision: decision.action,
          dataTypes: [],
        };
        await outbox().enqueue(event);
        void syncOnce();
      }
      return context;
    }
    case 'content->background:event': {
      const host = senderHost(sender);
      if (!host) return { ok: false };
      await outbox().enqueue({ ...msg.event, host });
      void syncOnce();
      return { ok: true };
    }
    case 'popup->background:get-status': {
      const [enrollment, policy, queue, notices] = await Promise.all([
        getEnrollment(),
        getStoredPolicy(),
        outbox().size(),
        markNoticesRead(),
      ]);
      const status: Status = {
        version: PRODUCT.version,
        enrolled: enrollment !== undefined,
        policyVersion: policy?.signed.version ?? null,
        queued: queue.queued,
        recent: await recentActivity(),
        notices: notices.items,
      };
      return status;
    }
  }
}

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => handleMessage(raw, sender));
browser.runtime.onInstalled.addListener(() => {
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
  void syncOnce();
  void applyBlocking();
});
browser.runtime.onStartup.addListener(() => {
  void syncOnce();
  void applyBlocking();
});
browser.alarms.onAlarm.addListener((alarm) => {
  // The periodic alarm, and one-shot `daylight-sync-now` alarms (a sync soon, without touching the period).
  if (alarm.name === SYNC_ALARM || alarm.name === `${SYNC_ALARM}-now`) void syncOnce();
});
browser.storage.onChanged.addListener((changes, area) => {
  if ((area === 'local' && 'config' in changes) || area === 'managed') void syncOnce();
  if (
    (area === 'local' && ('policy' in changes || 'config' in changes || 'enrollment' in changes || 'directory' in changes)) ||
    area === 'managed'
  )
    void applyBlocking();
});
