/**
 * The delivery worker: runs in the server process, takes due destinations (a lease, so several
 * server processes share the work without sending a batch twice at once), sends the next batch
 * from each one's cursor and moves the cursor only after the destination accepted it
 * (at-least-once). Failures back off exponentially with jitter; after `maxAttempts` (or at once
 * when the destination refuses the data itself) the batch goes to dead letters and the cursor
 * moves on. Requeued dead letters are sent before new records. docs/siem.md, "Delivery".
 */
import { hostname } from 'node:os';
import type { z } from 'zod';
import type { SentinelConfig, SplunkHecConfig, SyslogConfig, WebhookConfig } from '../../../../shared/contracts/siem.ts';
import type { KeyRing } from '../../crypto.ts';
import type { Db } from '../../db/db.ts';
import { configOf, destinationColumns, openSecret, parsedConfig, type DestinationRow } from './destinations.ts';
import { syslogHostname } from './formats.ts';
import type { SiemRecord } from './ocsf.ts';
import { loadRecords, nextRows, prune, type OutboxRow } from './outbox.ts';
import { sendHec, sendSentinel, sendSyslog, sendWebhook, type DeliveryResult } from './transports.ts';

export interface SiemWorkerOptions {
  /** How often the worker looks for due destinations. */
  intervalMs: number;
  /** Records per request. */
  batchSize: number;
  /** Failed attempts before a batch goes to dead letters. */
  maxAttempts: number;
  /** First retry delay; doubles each attempt up to maxDelayMs, times a random factor in [0.5, 1). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a worker holds a destination it took. */
  leaseMs: number;
  /** Splunk indexer acknowledgement polling. */
  ackTimeoutMs: number;
  ackPollMs: number;
  /** The `host` of exported records (HEC host, syslog HOSTNAME). */
  hostname: string;
}

export const DEFAULT_WORKER_OPTIONS: SiemWorkerOptions = {
  intervalMs: 1000,
  batchSize: 500,
  maxAttempts: 10,
  baseDelayMs: 2000,
  maxDelayMs: 10 * 60_000,
  leaseMs: 60_000,
  ackTimeoutMs: 30_000,
  ackPollMs: 500,
  hostname: hostname(),
};

/** Delay before attempt `attempts + 1`: exponential with "equal jitter", at least the server's Retry-After. */
export function backoffMs(
  attempts: number,
  o: Pick<SiemWorkerOptions, 'baseDelayMs' | 'maxDelayMs'>,
  retryAfterMs = 0,
  random = Math.random,
): number {
  const exp = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.max(retryAfterMs, Math.round(exp * (0.5 + random() * 0.5)));
}

export class SiemWorker {
  readonly #db: Db;
  readonly #keys: KeyRing;
  readonly #o: SiemWorkerOptions;
  readonly #tokens = new Map<string, { token: string; expiresAt: number }>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #stopped = false;

  constructor(db: Db, keys: KeyRing, opts: Partial<SiemWorkerOptions> = {}) {
    this.#db = db;
    this.#keys = keys;
    this.#o = { ...DEFAULT_WORKER_OPTIONS, ...opts };
  }

  start(): void {
    this.#stopped = false;
    const tick = () => {
      if (this.#stopped) return;
      let delivered = 0;
      this.#running = this.runOnce()
        .then((n) => (delivered = n))
        .catch(() => 0)
        .finally(() => {
          // More may be waiting when this pass delivered anything: go again at once.
          if (!this.#stopped) this.#timer = setTimeout(tick, delivered > 0 ? 0 : this.#o.intervalMs);
        });
    };
    this.#timer = setTimeout(tick, this.#o.intervalMs);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /**
   * One pass: takes every due destination (all tenants: the worker is operator machinery) and
   * sends batches to each while it keeps accepting full batches (at most a quarter of the lease).
   * Answers how many records were delivered.
   */
  async runOnce(): Promise<number> {
    const due = await this.#db.query<DestinationRow>(
      `UPDATE siem_destinations d SET lease_until = now() + ($1::int * interval '1 millisecond')
        FROM (SELECT tenant_id, destination_id FROM siem_destinations
               WHERE enabled AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
               ORDER BY next_attempt_at LIMIT 50 FOR UPDATE SKIP LOCKED) due
        WHERE d.tenant_id = due.tenant_id AND d.destination_id = due.destination_id
        RETURNING ${destinationColumns('d.')}`,
      [this.#o.leaseMs],
    );
    let delivered = 0;
    await Promise.all(
      due.map(async (taken) => {
        let d = taken;
        try {
          // Batch after batch while the destination keeps accepting, for at most a quarter of the lease.
          const until = Date.now() + this.#o.leaseMs / 4;
          for (;;) {
            const n = await this.#serve(d);
            delivered += n;
            if (n < this.#o.batchSize || Date.now() >= until || this.#stopped) break;
            const [fresh] = await this.#db.query<DestinationRow>(
              `SELECT ${destinationColumns()} FROM siem_destinations WHERE tenant_id = $1 AND destination_id = $2 AND enabled`,
              [d.tenant_id, d.destination_id],
            );
            if (!fresh) break;
            d = fresh;
          }
        } finally {
          await this.#db.query('UPDATE siem_destinations SET lease_until = NULL WHERE tenant_id = $1 AND destination_id = $2', [
            d.tenant_id,
            d.destination_id,
          ]);
        }
      }),
    );
    return delivered;
  }

  /** Sends records to a destination now (the test route); nothing is stored. */
  async send(d: DestinationRow, records: readonly SiemRecord[]): Promise<DeliveryResult> {
    try {
      const secret = openSecret(this.#keys, d);
      switch (d.kind) {
        case 'splunk_hec':
          return await sendHec(
            parsedConfig('splunk_hec', configOf(d)) as SplunkHecConfigT,
            secret.token!,
            d.destination_id,
            records,
            this.#o.hostname,
            {
              timeoutMs: this.#o.ackTimeoutMs,
              pollMs: this.#o.ackPollMs,
            },
          );
        case 'sentinel':
          return await sendSentinel(
            parsedConfig('sentinel', configOf(d)) as SentinelConfigT,
            secret.clientSecret!,
            records,
            this.#tokens,
            d.destination_id,
          );
        case 'webhook':
          return await sendWebhook(parsedConfig('webhook', configOf(d)) as WebhookConfigT, secret.hmacKey!, records);
        case 'syslog':
          return await sendSyslog(parsedConfig('syslog', configOf(d)) as SyslogConfigT, records, syslogHostname(this.#o.hostname));
      }
    } catch (e) {
      return { ok: false, permanent: false, error: `internal: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  /** Forgets cached access tokens of a destination (its config or secret changed). */
  forget(destinationId: string): void {
    this.#tokens.delete(destinationId);
  }

  async #serve(d: DestinationRow): Promise<number> {
    const t = d.tenant_id;
    const id = d.destination_id;
    // Requeued dead letters first.
    const requeued = await this.#db.query<{
      seq: string;
      kind: OutboxRow['kind'];
      device_id: string | null;
      ref: string;
      attempts: number;
    }>(
      `SELECT x.seq::text AS seq, x.kind, x.device_id, x.ref, x.attempts FROM siem_dead_letters x
        WHERE x.tenant_id = $1 AND x.destination_id = $2 AND x.requeued_at IS NOT NULL ORDER BY x.seq LIMIT $3`,
      [t, id, this.#o.batchSize],
    );
    if (requeued.length > 0) {
      const records = await loadRecords(this.#db, t, requeued);
      const r = records.length ? await this.send(d, records) : ({ ok: true } as const);
      const seqs = requeued.map((x) => x.seq);
      if (r.ok) {
        await this.#db.transaction(async (tx) => {
          await tx.query('DELETE FROM siem_dead_letters WHERE tenant_id = $1 AND destination_id = $2 AND seq = ANY($3::bigint[])', [
            t,
            id,
            seqs,
          ]);
          await tx.query(
            `UPDATE siem_destinations SET delivered = delivered + $3, last_delivered_at = now(), attempts = 0, next_attempt_at = now()
              WHERE tenant_id = $1 AND destination_id = $2`,
            [t, id, records.length],
          );
        });
        return records.length;
      }
      // Back to waiting in dead letters; an admin requeues again when the destination is fixed.
      await this.#db.transaction(async (tx) => {
        await tx.query(
          `UPDATE siem_dead_letters SET requeued_at = NULL, attempts = attempts + 1, error = $4, dead_at = now()
            WHERE tenant_id = $1 AND destination_id = $2 AND seq = ANY($3::bigint[])`,
          [t, id, seqs, r.error],
        );
        await this.#failed(tx, d, r, 0);
      });
      return 0;
    }

    const rows = await nextRows(this.#db, t, { xid: d.cursor_xid, seq: d.cursor_seq }, this.#o.batchSize);
    if (rows.length === 0) return 0;
    const last = rows[rows.length - 1]!;
    const records = await loadRecords(this.#db, t, rows);
    const r = records.length ? await this.send(d, records) : ({ ok: true } as const);
    if (r.ok) {
      await this.#db.query(
        `UPDATE siem_destinations SET cursor_xid = $3::xid8, cursor_seq = $4, attempts = 0, next_attempt_at = now(),
                delivered = delivered + $5, last_delivered_at = now()
          WHERE tenant_id = $1 AND destination_id = $2`,
        [t, id, last.xid, last.seq, records.length],
      );
      await prune(this.#db, t);
      return records.length;
    }
    const attempts = d.attempts + 1;
    if (r.permanent || attempts >= this.#o.maxAttempts) {
      await this.#db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO siem_dead_letters (tenant_id, destination_id, seq, kind, device_id, ref, created_at, attempts, error)
           SELECT $1, $2, x.seq, x.kind, x.device_id, x.ref, x.created_at, $3, $4
             FROM jsonb_to_recordset($5::jsonb) AS x(seq bigint, kind text, device_id uuid, ref text, created_at timestamptz)
           ON CONFLICT DO NOTHING`,
          [t, id, attempts, r.error, JSON.stringify(rows)],
        );
        await tx.query(
          `UPDATE siem_destinations SET cursor_xid = $3::xid8, cursor_seq = $4, attempts = 0, next_attempt_at = now(),
                  dead_lettered = dead_lettered + $5, failures = failures + 1, last_error = $6, last_error_at = now()
            WHERE tenant_id = $1 AND destination_id = $2`,
          [t, id, last.xid, last.seq, rows.length, r.error],
        );
      });
      await prune(this.#db, t);
      return 0;
    }
    await this.#failed(this.#db, d, r, attempts);
    return 0;
  }

  async #failed(tx: Pick<Db, 'query'>, d: DestinationRow, r: Extract<DeliveryResult, { ok: false }>, attempts: number): Promise<void> {
    const delay = backoffMs(Math.max(1, attempts), this.#o, r.retryAfterMs);
    await tx.query(
      `UPDATE siem_destinations SET attempts = $3, failures = failures + 1, last_error = $4, last_error_at = now(),
              next_attempt_at = now() + ($5::int * interval '1 millisecond')
        WHERE tenant_id = $1 AND destination_id = $2`,
      [d.tenant_id, d.destination_id, attempts, r.error, delay],
    );
  }
}

type SplunkHecConfigT = z.infer<typeof SplunkHecConfig>;
type SentinelConfigT = z.infer<typeof SentinelConfig>;
type WebhookConfigT = z.infer<typeof WebhookConfig>;
type SyslogConfigT = z.infer<typeof SyslogConfig>;
