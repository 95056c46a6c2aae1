import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ClientEvent } from '../../shared/contracts/events.ts';
import { writeFileAtomic } from './files.ts';

/**
 * The durable event queue: an append-only JSON-lines journal in the state directory.
 *
 * Every change is one line, written and fsync'd before the call returns, so an event the agent
 * has queued survives `kill -9` and power loss:
 * - `{"t":"add","e":{...event}}` queues an event;
 * - `{"t":"ack","ids":[...]}` removes events the server acknowledged;
 * - `{"t":"drop","ids":[...]}` removes the oldest events when the queue is full, and counts them;
 * - `{"t":"meta","dropped":N}` opens a compacted journal with the drop counter so far.
 *
 * Replaying the lines in order gives the queue. A crash in the middle of an append leaves at most
 * one torn last line; it is skipped on replay and removed by the compaction that opening does.
 * Compaction rewrites the live events to a new file and renames it over the journal (see
 * `writeFileAtomic`), so a crash during compaction leaves either journal, both complete.
 *
 * Events keep the id they were created with; the server counts an id once, so an event sent,
 * stored, and sent again because the agent died before writing the acknowledgement is not
 * counted twice.
 */
const Line = z.discriminatedUnion('t', [
  z.object({ t: z.literal('add'), e: ClientEvent }),
  z.object({ t: z.literal('ack'), ids: z.array(z.string()) }),
  z.object({ t: z.literal('drop'), ids: z.array(z.string()) }),
  z.object({ t: z.literal('meta'), dropped: z.number().int().min(0) }),
]);
type Line = z.infer<typeof Line>;

export interface JournalOptions {
  /** Replay only: no repair, no writes (for status readers next to a running agent). */
  readOnly?: boolean;
  /** Most events kept; beyond it the oldest are dropped and counted. */
  max: number;
  /** Compact when this many lines are dead (acknowledged or dropped events and their acks). */
  compactAfter: number;
}

export const DEFAULT_JOURNAL_OPTIONS: JournalOptions = { max: 50_000, compactAfter: 2_000 };

export interface JournalStats {
  queued: number;
  /** Events dropped because the queue was full, since the journal was created. */
  dropped: number;
  /** Lines skipped on the last open because they did not parse (a torn write). */
  skippedLines: number;
}

/** The journal file name inside the state directory. */
export const JOURNAL_FILE = 'events.jsonl';

/** A durable, bounded queue of events; see the file comment for the format and its guarantees. */
export class EventJournal {
  private readonly live = new Map<string, ClientEvent>();
  private dropped = 0;
  private dead = 0;
  private skipped = 0;
  private fd: number | undefined;
  private readonly path: string;

  private constructor(
    dir: string,
    private readonly options: JournalOptions,
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.path = join(dir, JOURNAL_FILE);
    const clean = this.replay();
    if (options.readOnly) return;
    if (!clean || this.dead > 0) this.compact();
    this.fd = openSync(this.path, 'a', 0o600);
  }

  /** Opens (and if needed repairs) the journal in `dir`, creating it when missing. */
  static open(dir: string, options: Partial<JournalOptions> = {}): EventJournal {
    return new EventJournal(dir, { ...DEFAULT_JOURNAL_OPTIONS, ...options });
  }

  /** Replays the file; false when it needs rewriting (torn or invalid lines, no final newline). */
  private replay(): boolean {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
      throw e;
    }
    let clean = text.length === 0 || text.endsWith('\n');
    for (const raw of text.split('\n')) {
      if (!raw) continue;
      let line: Line;
      try {
        const parsed = Line.safeParse(JSON.parse(raw));
        if (!parsed.success) throw new Error('invalid');
        line = parsed.data;
      } catch {
        this.skipped++;
        clean = false;
        continue;
      }
      this.apply(line);
    }
    return clean;
  }

  private apply(line: Line): void {
    switch (line.t) {
      case 'add':
        this.live.set(line.e.id, line.e);
        break;
      case 'ack':
      case 'drop':
        for (const id of line.ids) if (this.live.delete(id)) this.dead++;
        this.dead++;
        if (line.t === 'drop') this.dropped += line.ids.length;
        break;
      case 'meta':
        this.dropped = line.dropped;
        break;
    }
  }

  private write(lines: Line[]): void {
    if (!lines.length) return;
    if (this.fd === undefined) throw new Error('the event journal is open read-only');
    writeSync(this.fd, lines.map((l) => JSON.stringify(l) + '\n').join(''));
    fsyncSync(this.fd);
    for (const l of lines) this.apply(l);
  }

  /**
   * Queues events durably: when this returns they are on disk. Events must parse as
   * `ClientEvent` (a clear error otherwise, and nothing is written); ids already queued are
   * ignored. When the queue would exceed `max`, the oldest events are dropped and counted.
   */
  add(...events: ClientEvent[]): void {
    const lines: Line[] = [];
    const fresh = new Set<string>();
    for (const e of events) {
      const parsed = ClientEvent.parse(e);
      if (this.live.has(parsed.id) || fresh.has(parsed.id)) continue;
      fresh.add(parsed.id);
      lines.push({ t: 'add', e: parsed });
    }
    const over = this.live.size + lines.length - this.options.max;
    if (over > 0) {
      const victims = [...this.live.keys(), ...fresh].slice(0, over);
      const gone = new Set(victims);
      // Events that would be added and dropped at once are never written.
      const kept = lines.filter((l) => l.t !== 'add' || !gone.has(l.e.id));
      // The drop line names every victim, so the counter is as durable as the queue.
      this.write([{ t: 'drop', ids: victims }, ...kept]);
    } else {
      this.write(lines);
    }
    this.maybeCompact();
  }

  /** The oldest `limit` queued events, in the order they were queued. */
  peek(limit: number): ClientEvent[] {
    const out: ClientEvent[] = [];
    for (const e of this.live.values()) {
      if (out.length >= limit) break;
      out.push(e);
    }
    return out;
  }

  /** Removes acknowledged events durably. Unknown ids are ignored. */
  ack(ids: readonly string[]): void {
    const known = ids.filter((id) => this.live.has(id));
    if (!known.length) return;
    this.write([{ t: 'ack', ids: known }]);
    this.maybeCompact();
  }

  stats(): JournalStats {
    return { queued: this.live.size, dropped: this.dropped, skippedLines: this.skipped };
  }

  private maybeCompact(): void {
    if (this.fd === undefined) return;
    if (this.dead >= this.options.compactAfter || (this.live.size === 0 && this.dead > 0)) {
      closeSync(this.fd);
      this.compact();
      this.fd = openSync(this.path, 'a', 0o600);
    }
  }

  /** Rewrites the journal to the live events only (see the file comment). */
  private compact(): void {
    const lines: Line[] = [{ t: 'meta', dropped: this.dropped }];
    for (const e of this.live.values()) lines.push({ t: 'add', e });
    writeFileAtomic(this.path, lines.map((l) => JSON.stringify(l) + '\n').join(''));
    this.dead = 0;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
