import { describe, expect, it } from 'vitest';
import { createQueue, type KV, type Lock } from './queue.ts';

function memoryKV(): KV & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  // Values are cloned like storage.local does, so the queue cannot rely on shared references.
  return { data, get: async (k) => structuredClone(data.get(k)), set: async (k, v) => void data.set(k, structuredClone(v)) };
}

function mutex(): Lock {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

interface Ev {
  id: string;
  n: number;
}
const ev = (n: number): Ev => ({ id: `e${n}`, n });

describe('outbound queue', () => {
  it('delivers everything exactly once across failures', async () => {
    const kv = memoryKV();
    const q = createQueue<Ev>(kv, mutex(), { max: 1000, batch: 7, baseDelayMs: 10, maxDelayMs: 100 });
    await Promise.all(Array.from({ length: 50 }, (_, i) => q.enqueue(ev(i))));
    const seen: number[] = [];
    let calls = 0;
    const flaky = async (batch: { n: number }[]) => {
      if (++calls % 3 === 0) throw new Error('network');
      seen.push(...batch.map((e) => e.n));
    };
    let now = 0;
    while ((await q.size()).queued > 0) {
      await q.flush(flaky, now);
      now += 1000;
    }
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('keeps events when a send fails and backs off', async () => {
    const q = createQueue(memoryKV(), mutex(), { max: 100, batch: 10, baseDelayMs: 1000, maxDelayMs: 5000 });
    await q.enqueue(ev(1), ev(2));
    expect(await q.flush(async () => Promise.reject(new Error('down')), 0)).toBe(0);
    expect((await q.size()).queued).toBe(2);
    // Within the backoff window nothing is attempted.
    let attempted = false;
    await q.flush(async () => void (attempted = true), 100);
    expect(attempted).toBe(false);
    expect(await q.flush(async () => undefined, 10_000)).toBe(2);
    expect((await q.size()).queued).toBe(0);
  });

  it('is bounded and reports what it dropped', async () => {
    const q = createQueue<Ev>(memoryKV(), mutex(), { max: 5, batch: 100, baseDelayMs: 1, maxDelayMs: 1 });
    for (let i = 0; i < 8; i++) await q.enqueue(ev(i));
    expect(await q.size()).toEqual({ queued: 5, dropped: 3 });
    let reported = -1;
    let got: number[] = [];
    await q.flush(async (batch, dropped) => {
      reported = dropped;
      got = batch.map((e) => e.n);
    });
    expect(reported).toBe(3);
    expect(got).toEqual([3, 4, 5, 6, 7]);
    // The total stays for heartbeats; the next batch carries no old drops.
    expect(await q.size()).toEqual({ queued: 0, dropped: 3 });
    await q.enqueue(ev(9));
    await q.flush(async (_b, dropped) => {
      reported = dropped;
    });
    expect(reported).toBe(0);
  });

  it('retryNow ends the backoff after failures', async () => {
    const q = createQueue<Ev>(memoryKV(), mutex(), { max: 100, batch: 100, baseDelayMs: 60_000, maxDelayMs: 60_000 });
    await q.enqueue(ev(1));
    const now = Date.now();
    expect(await q.flush(() => Promise.reject(new Error('down')), now)).toBe(0);
    // Backing off: a flush a second later does not even try.
    let tried = false;
    await q.flush(async () => {
      tried = true;
    }, now + 1000);
    expect(tried).toBe(false);
    await q.retryNow();
    expect(await q.flush(async () => undefined, now + 1000)).toBe(1);
  });

  it('survives a restart: a new queue over the same storage sees the events', async () => {
    const kv = memoryKV();
    await createQueue(kv, mutex()).enqueue(ev(1), ev(2), ev(3));
    const sent: string[] = [];
    await createQueue(kv, mutex()).flush(async (b) => void sent.push(...b.map((e) => e.id)));
    expect(sent).toEqual(['e1', 'e2', 'e3']);
  });
});
