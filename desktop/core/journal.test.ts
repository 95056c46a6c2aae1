import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientEvent } from '../../shared/contracts/events.ts';
import { EventJournal, JOURNAL_FILE } from './journal.ts';

let seq = 0;
const ev = (over: Partial<ClientEvent> = {}): ClientEvent => ({
  id: `evt_${(++seq).toString().padStart(8, '0')}`,
  at: '2025-03-04T10:00:00.000Z',
  app: 'aider',
  host: 'localhost',
  surface: 'cli',
  action: 'visit',
  decision: 'monitored',
  dataTypes: [],
  ...over,
});

describe('event journal', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dl-journal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps queued events across reopen and forgets acknowledged ones', () => {
    const j = EventJournal.open(dir);
    const [a, b, c] = [ev(), ev(), ev()];
    j.add(a, b, c);
    j.ack([b.id]);
    j.close();
    const again = EventJournal.open(dir);
    expect(again.peek(10).map((e) => e.id)).toEqual([a.id, c.id]);
    expect(again.stats()).toMatchObject({ queued: 2, dropped: 0, skippedLines: 0 });
    again.close();
  });

  it('ignores an id already queued', () => {
    const j = EventJournal.open(dir);
    const a = ev();
    j.add(a);
    j.add(a, a);
    expect(j.stats().queued).toBe(1);
    j.close();
  });

  it('refuses an invalid event with a clear error and writes nothing', () => {
    const j = EventJournal.open(dir);
    expect(() => j.add(ev(), { ...ev(), app: 'Not An Id' })).toThrow(/app/);
    expect(j.stats().queued).toBe(0);
    j.close();
    expect(EventJournal.open(dir).stats().queued).toBe(0);
  });

  it('skips a torn last line, repairs the file, and appends after it cleanly', () => {
    const j = EventJournal.open(dir);
    const a = ev();
    j.add(a);
    j.close();
    // A crash in the middle of an append: half a line, no newline.
    appendFileSync(join(dir, JOURNAL_FILE), '{"t":"add","e":{"id":"evt_torn');
    const b = ev();
    const k = EventJournal.open(dir);
    expect(k.stats()).toMatchObject({ queued: 1, skippedLines: 1 });
    k.add(b);
    k.close();
    const text = readFileSync(join(dir, JOURNAL_FILE), 'utf8');
    expect(text).not.toContain('evt_torn');
    expect(
      EventJournal.open(dir)
        .peek(10)
        .map((e) => e.id),
    ).toEqual([a.id, b.id]);
  });

  it('drops the oldest events beyond the bound and counts them durably', () => {
    const j = EventJournal.open(dir, { max: 3 });
    const es = [ev(), ev(), ev(), ev(), ev()];
    j.add(es[0]!, es[1]!);
    j.add(es[2]!, es[3]!, es[4]!);
    expect(j.peek(10).map((e) => e.id)).toEqual([es[2]!.id, es[3]!.id, es[4]!.id]);
    expect(j.stats().dropped).toBe(2);
    j.close();
    const k = EventJournal.open(dir, { max: 3 });
    expect(k.stats()).toMatchObject({ queued: 3, dropped: 2 });
    // More added at once than fit: the first of the new ones never reach the disk.
    const more = [ev(), ev(), ev(), ev()];
    k.add(...more);
    expect(k.peek(10).map((e) => e.id)).toEqual(more.slice(1).map((e) => e.id));
    expect(k.stats().dropped).toBe(6);
    k.close();
    expect(EventJournal.open(dir, { max: 3 }).stats()).toMatchObject({ queued: 3, dropped: 6 });
  });

  it('compacts once enough lines are dead, keeping order and the drop counter', () => {
    const j = EventJournal.open(dir, { compactAfter: 10, max: 1000 });
    const keep = ev();
    j.add(keep);
    for (let i = 0; i < 20; i++) {
      const e = ev();
      j.add(e);
      j.ack([e.id]);
    }
    const lines = readFileSync(join(dir, JOURNAL_FILE), 'utf8').trim().split('\n');
    expect(lines.length).toBeLessThan(12);
    j.close();
    expect(
      EventJournal.open(dir)
        .peek(10)
        .map((e) => e.id),
    ).toEqual([keep.id]);
  });

  it('treats a journal of garbage as empty rather than failing to start', () => {
    writeFileSync(join(dir, JOURNAL_FILE), 'not json\n{"t":"add","e":{"id":"x"}}\n');
    const j = EventJournal.open(dir);
    expect(j.stats()).toMatchObject({ queued: 0, skippedLines: 2 });
    j.close();
  });
});
