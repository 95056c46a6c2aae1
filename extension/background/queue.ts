/**
 * Durable outbound event queue. The service worker may be stopped at any moment, so the queue
 * lives in `storage.local` and every operation is read-modify-write under a Web Lock (one writer
 * across the worker's concurrent message handlers). Events carry a client id made at creation; the
 * server ignores ids it already has, so re-sending after a crash between "sent" and "removed" never
 * double counts. The queue is bounded: when full, the oldest events are dropped and counted, and
 * the count is itself reported with the next batch.
 */
export interface KV {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

export type Lock = <T>(fn: () => Promise<T>) => Promise<T>;

export interface QueueState<E> {
  events: E[];
  /** Dropped since the last delivered batch (sent along with the next batch). */
  dropped: number;
  /** Dropped since the queue was created: reported in heartbeats, never reset. */
  droppedTotal: number;
  /** Consecutive failed flushes, for backoff. */
  failures: number;
  /** Do not try again before this time (ms since epoch). */
  notBefore: number;
}

export interface QueueOptions {
  max: number;
  batch: number;
  /** Backoff: base * 2^failures, capped, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_QUEUE_OPTIONS: QueueOptions = { max: 10_000, batch: 200, baseDelayMs: 2_000, maxDelayMs: 10 * 60_000 };

const KEY = 'outbox';

function empty<E>(): QueueState<E> {
  return { events: [], dropped: 0, droppedTotal: 0, failures: 0, notBefore: 0 };
}

async function read<E>(kv: KV): Promise<QueueState<E>> {
  const v = (await kv.get(KEY)) as Partial<QueueState<E>> | undefined;
  if (!v || !Array.isArray(v.events)) return empty<E>();
  return {
    events: v.events,
    dropped: v.dropped ?? 0,
    droppedTotal: v.droppedTotal ?? v.dropped ?? 0,
    failures: v.failures ?? 0,
    notBefore: v.notBefore ?? 0,
  };
}

export function createQueue<E extends { id: string }>(kv: KV, lock: Lock, options: QueueOptions = DEFAULT_QUEUE_OPTIONS) {
  return {
    async enqueue(...events: E[]): Promise<void> {
      await lock(async () => {
        const s = await read<E>(kv);
        s.events.push(...events);
        const over = s.events.length - options.max;
        if (over > 0) {
          s.events.splice(0, over);
          s.dropped += over;
          s.droppedTotal += over;
        }
        await kv.set(KEY, s);
      });
    },

    /** Events waiting, and events ever dropped because the queue was full. */
    async size(): Promise<{ queued: number; dropped: number }> {
      const s = await read<E>(kv);
      return { queued: s.events.length, dropped: s.droppedTotal };
    },

    /** Ends the backoff (the server answered again): the next flush sends at once. */
    async retryNow(): Promise<void> {
      await lock(async () => {
        const s = await read<E>(kv);
        if (s.failures === 0 && s.notBefore === 0) return;
        s.failures = 0;
        s.notBefore = 0;
        await kv.set(KEY, s);
      });
    },

    /**
     * Sends batches until the queue is empty or a send fails. `send` resolves when the server
     * acknowledged the batch; the batch is removed only then. Returns how many were delivered.
     */
    async flush(send: (events: E[], dropped: number) => Promise<void>, now = Date.now()): Promise<number> {
      return lock(async () => {
        let s = await read<E>(kv);
        if (now < s.notBefore) return 0;
        let delivered = 0;
        while (s.events.length) {
          const batch = s.events.slice(0, options.batch);
          try {
            await send(batch, s.dropped);
          } catch {
            s.failures++;
            const delay = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (s.failures - 1));
            s.notBefore = now + delay * (0.5 + Math.random() / 2);
            await kv.set(KEY, s);
            return delivered;
          }
          s = await read<E>(kv);
          const sent = new Set(batch.map((e) => e.id));
          s.events = s.events.filter((e) => !sent.has(e.id));
          s.dropped = 0;
          s.failures = 0;
          s.notBefore = 0;
          await kv.set(KEY, s);
          delivered += batch.length;
        }
        return delivered;
      });
    },
  };
}
