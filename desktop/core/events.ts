import { randomUUID } from 'node:crypto';
import type { Surface } from '../../shared/catalog/schema.ts';
import type { ClientEvent, EventAction, EventDecision } from '../../shared/contracts/events.ts';
import type { Finding } from '../../shared/detect/types.ts';
import { valueHashes } from '../../shared/detect/value-hash.ts';
import type { PrivacyTier } from '../../shared/policy/index.ts';

export interface EventInput {
  app: string;
  /** A host name for the event; desktop events use the catalog app's first domain or `localhost`. */
  host: string;
  surface: Surface;
  action: EventAction;
  decision: EventDecision;
  /** The scanned text: only its length and keyed hashes of matched values leave this function. */
  text?: string;
  findings?: readonly Finding[];
}

/**
 * Builds a metadata-only event (see `ClientEvent`): a fresh id that stays with the event through
 * every retry, finding counts per type, the text length, and, unless the privacy tier is
 * `minimal`, HMAC-SHA-256 of each matched value under the tenant's value-hash key. The text itself
 * and the matched values never go into the event.
 */
export function makeEvent(input: EventInput, valueHashKey: string | undefined, tier: PrivacyTier, now: Date = new Date()): ClientEvent {
  const counts = new Map<string, number>();
  for (const f of input.findings ?? []) counts.set(f.type, (counts.get(f.type) ?? 0) + 1);
  // The same keyed hash as the extension's (`shared/detect/value-hash.ts`), so one value counts once across surfaces.
  const hashes =
    tier !== 'minimal' && valueHashKey && input.text !== undefined ? valueHashes(input.text, input.findings ?? [], valueHashKey) : [];
  return {
    id: randomUUID(),
    at: now.toISOString(),
    app: input.app,
    host: input.host,
    surface: input.surface,
    action: input.action,
    decision: input.decision,
    dataTypes: [...counts].slice(0, 64).map(([type, count]) => ({ type, count })) as ClientEvent['dataTypes'],
    ...(input.text !== undefined ? { textLength: input.text.length } : {}),
    ...(hashes.length ? { valueHashes: hashes } : {}),
  };
}
