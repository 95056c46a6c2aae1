/**
 * MV3 service worker. It can be stopped at any time: no mutable module state, every listener
 * registered synchronously here at start, anything durable in storage.
 */
import { PRODUCT } from '../../shared/version.ts';
import { parseMessage, type Status } from '../messaging/protocol.ts';
import { browser, type Runtime } from '../platform/browser.ts';
import { recentActivity, recordVisit } from './activity.ts';

async function handleMessage(raw: unknown, sender: Runtime.MessageSender): Promise<unknown> {
  const msg = parseMessage(raw);
  if (!msg) return undefined;
  switch (msg.type) {
    case 'content->background:hello': {
      // Trust the sender's URL over what the page-side script claims.
      const host = sender.url ? new URL(sender.url).hostname : msg.host;
      await recordVisit(host);
      return { ok: true };
    }
    case 'popup->background:get-status': {
      const status: Status = { version: PRODUCT.version, enrolled: false, recent: await recentActivity() };
      return status;
    }
  }
}

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => handleMessage(raw, sender));
