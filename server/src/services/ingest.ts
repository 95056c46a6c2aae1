import type { ClientEvent } from '../../../shared/contracts/events.ts';
import type { Db } from '../db/db.ts';

/**
 * One statement stores a group of batches and maintains the rollups from exactly the rows it
 * inserted: events already stored (a retried batch, key (tenant_id, device_id, event_id)) are
 * skipped by ON CONFLICT DO NOTHING and so never reach the rollups either. Being one statement, it
 * is atomic without an explicit transaction; every batch in it is acknowledged only after commit.
 * Rollup keys are fed in sorted order so concurrent statements lock rollup rows in the same order.
 * The final SELECT answers how many new events each batch (`r`) brought.
 */
const INGEST_SQL = `
WITH batches AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS b(r integer, tenant_id uuid, device_id uuid, user_id text)
), input AS (
  SELECT b.tenant_id, b.device_id, b.user_id, x.*
    FROM jsonb_to_recordset($2::jsonb) AS x(
           r integer, event_id text, at timestamptz, app text, host text, surface text, action text, decision text, outcome text,
           account_type text, data_types jsonb, text_length integer, value_hashes jsonb, justification text)
    JOIN batches b ON b.r = x.r
), tiers AS (
  SELECT t.tenant_id,
         coalesce((SELECT privacy_tier FROM policies p WHERE p.tenant_id = t.tenant_id ORDER BY version DESC LIMIT 1), 'standard') AS tier
    FROM (SELECT DISTINCT tenant_id FROM input) t
), ins AS (
  INSERT INTO events (tenant_id, device_id, event_id, at, user_id, app, host, surface, action, decision, outcome,
                      account_type, data_types, text_length, value_hashes, justification)
  SELECT i.tenant_id, i.device_id, i.event_id, i.at, i.user_id, i.app, i.host, i.surface, i.action, i.decision, i.outcome,
         i.account_type, i.data_types, i.text_length,
         CASE WHEN t.tier = 'minimal' THEN NULL ELSE i.value_hashes END,
         CASE WHEN t.tier = 'minimal' THEN NULL ELSE i.justification END
    FROM input i JOIN tiers t ON t.tenant_id = i.tenant_id
  ON CONFLICT DO NOTHING
  RETURNING tenant_id, device_id, event_id, (at AT TIME ZONE 'UTC')::date AS day, coalesce(user_id, '') AS user_id,
            app, action, decision, data_types, at, host, justification, date_trunc('hour', at, 'UTC') AS hour
), usage AS (
  INSERT INTO usage_daily (tenant_id, day, app, user_id, action, decision, events)
  SELECT tenant_id, day, app, user_id, action, decision, count(*)
    FROM ins GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (tenant_id, day, app, user_id, action, decision)
    DO UPDATE SET events = usage_daily.events + excluded.events
), data AS (
  INSERT INTO data_daily (tenant_id, day, data_type, decision, events, matches)
  SELECT ins.tenant_id, ins.day, d.type, ins.decision, count(*), sum(d.count)
    FROM ins CROSS JOIN LATERAL jsonb_to_recordset(ins.data_types) AS d(type text, count bigint)
   GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (tenant_id, day, data_type, decision)
    DO UPDATE SET events = data_daily.events + excluded.events, matches = data_daily.matches + excluded.matches
), app_users AS (
  INSERT INTO app_user_daily (tenant_id, day, app, user_id)
  SELECT DISTINCT tenant_id, day, app, user_id FROM ins WHERE user_id <> '' ORDER BY 1, 2, 3, 4
  ON CONFLICT DO NOTHING
), apps AS (
  INSERT INTO app_daily (tenant_id, day, app, action, decision, events)
  SELECT tenant_id, day, app, action, decision, count(*)
    FROM ins GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (tenant_id, day, app, action, decision)
    DO UPDATE SET events = app_daily.events + excluded.events
), reviews AS (
  -- The review queue: one item per new justified event (routes/review.ts). Under the minimal tier
  -- the stored justification is NULL but the event was still justified: queued without its text.
  INSERT INTO justification_reviews (tenant_id, review_id, device_id, event_id, at, user_id, app, host, action, decision, data_types, text)
  SELECT ins.tenant_id, gen_random_uuid(), ins.device_id, ins.event_id, ins.at, nullif(ins.user_id, ''), ins.app, ins.host, ins.action,
         ins.decision, ins.data_types, ins.justification
    FROM ins JOIN input i ON i.tenant_id = ins.tenant_id AND i.device_id = ins.device_id AND i.event_id = ins.event_id
   WHERE i.justification IS NOT NULL
  ON CONFLICT DO NOTHING
), users AS (
  INSERT INTO user_daily (tenant_id, day, user_id, decision, events, sensitive)
  SELECT tenant_id, day, user_id, decision, count(*), count(*) FILTER (WHERE jsonb_array_length(data_types) > 0)
    FROM ins GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (tenant_id, day, user_id, decision)
    DO UPDATE SET events = user_daily.events + excluded.events, sensitive = user_daily.sensitive + excluded.sensitive
), hourly AS (
  INSERT INTO activity_hourly (tenant_id, hour, user_id, app, events, sensitive, blocked, uploads, examples, sample)
  SELECT tenant_id, hour, user_id, app, count(*),
         count(*) FILTER (WHERE jsonb_array_length(data_types) > 0),
         count(*) FILTER (WHERE decision = 'block'),
         count(*) FILTER (WHERE action = 'upload'),
         coalesce((array_agg(device_id::text || ':' || event_id ORDER BY event_id)
                     FILTER (WHERE jsonb_array_length(data_types) > 0 OR decision = 'block' OR action = 'upload'))[1:3], '{}'),
         min(device_id::text || ':' || event_id)
    FROM ins GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (tenant_id, hour, user_id, app)
    DO UPDATE SET events = activity_hourly.events + excluded.events, sensitive = activity_hourly.sensitive + excluded.sensitive,
                  blocked = activity_hourly.blocked + excluded.blocked, uploads = activity_hourly.uploads + excluded.uploads,
                  examples = CASE WHEN cardinality(activity_hourly.examples) >= 3 THEN activity_hourly.examples
                                  ELSE (activity_hourly.examples || excluded.examples)[1:3] END
), outbox AS (
  -- SIEM export (services/siem/outbox.ts): only for tenants that have a destination.
  INSERT INTO siem_outbox (tenant_id, kind, device_id, ref)
  SELECT ins.tenant_id, 'event', ins.device_id, ins.event_id FROM ins
   WHERE ins.tenant_id IN (SELECT d.tenant_id FROM siem_destinations d WHERE d.tenant_id IN (SELECT tenant_id FROM tiers))
)
SELECT i.r, count(*)::int AS stored
  FROM ins JOIN input i ON i.tenant_id = ins.tenant_id AND i.device_id = ins.device_id AND i.event_id = ins.event_id
 GROUP BY i.r`;

const RETRYABLE = new Set(['40P01', '40001']); // deadlock detected, serialization failure

interface Pending {
  tenantId: string;
  deviceId: string;
  userId: string | null;
  events: ClientEvent[];
  resolve(stored: number): void;
  reject(e: unknown): void;
}

export interface IngesterOptions {
  /** Statements in flight at once: 1 for PGlite (one connection), a few for PostgreSQL. */
  concurrency: number;
  /** A group stops taking batches once it holds this many events. */
  maxEvents: number;
}

/**
 * Group commit for event batches. A batch that arrives while the store is busy waits for the
 * statement in flight, then goes in with every other batch that waited, in one statement and one
 * commit. Under load this turns many small commits (and many updates of the same hot rollup rows)
 * into few large ones; when idle a batch goes alone, at once. Each batch is still answered only
 * after the commit that stored it, so an acknowledged batch is durable whatever happens next.
 * If a group's statement fails, its batches are retried one by one, so one bad batch fails alone.
 */
export class Ingester {
  readonly #db: Db;
  readonly #opts: IngesterOptions;
  readonly #queue: Pending[] = [];
  #running = 0;

  constructor(db: Db, opts: Partial<IngesterOptions> = {}) {
    this.#db = db;
    this.#opts = { concurrency: db.kind === 'pglite' ? 1 : 4, maxEvents: 5000, ...opts };
  }

  /** Stores a device's batch; answers how many of its events were new. */
  ingest(tenantId: string, deviceId: string, userId: string | null, events: ClientEvent[]): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ tenantId, deviceId, userId, events, resolve, reject });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#running < this.#opts.concurrency && this.#queue.length > 0) {
      const group: Pending[] = [];
      let n = 0;
      while (this.#queue.length > 0 && (group.length === 0 || n + this.#queue[0]!.events.length <= this.#opts.maxEvents)) {
        const p = this.#queue.shift()!;
        group.push(p);
        n += p.events.length;
      }
      this.#running++;
      void this.#flush(group).finally(() => {
        this.#running--;
        this.#pump();
      });
    }
  }

  async #flush(group: Pending[]): Promise<void> {
    try {
      const stored = await storeGroup(this.#db, group);
      group.forEach((p, i) => p.resolve(stored[i]!));
    } catch (e) {
      if (group.length === 1) {
        group[0]!.reject(e);
        return;
      }
      for (const p of group) {
        try {
          p.resolve((await storeGroup(this.#db, [p]))[0]!);
        } catch (err) {
          p.reject(err);
        }
      }
    }
  }
}

/** Runs the statement for a group of batches; answers the new events per batch. */
async function storeGroup(db: Db, group: readonly Omit<Pending, 'resolve' | 'reject'>[]): Promise<number[]> {
  // One row per (tenant, device, event id) in the whole group: the first batch that carries an id
  // gets it, later ones (a retry racing the original) count it as a duplicate. One entry per data
  // type (counts summed), so no statement sees a key twice. Who sent a batch travels once per
  // batch, not per event, and absent fields are left out (NULL in SQL): the statement's JSON is
  // most of what crosses to the database, and parsing it most of the database's work per event.
  const seen = new Set<string>();
  const rows: Record<string, unknown>[] = [];
  const batches = group.map((p, r) => ({ r, tenant_id: p.tenantId, device_id: p.deviceId, user_id: p.userId }));
  group.forEach((p, r) => {
    for (const e of p.events) {
      const key = `${p.tenantId}/${p.deviceId}/${e.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let dataTypes = e.dataTypes;
      if (dataTypes.length > 1) {
        const types = new Map<string, number>();
        for (const d of dataTypes) types.set(d.type, (types.get(d.type) ?? 0) + d.count);
        dataTypes = [...types].map(([type, count]) => ({ type, count }));
      }
      rows.push({
        r,
        event_id: e.id,
        at: e.at,
        app: e.app,
        host: e.host.toLowerCase(),
        surface: e.surface,
        action: e.action,
        decision: e.decision,
        outcome: e.outcome,
        account_type: e.accountType,
        data_types: dataTypes,
        text_length: e.textLength,
        value_hashes: e.valueHashes,
        justification: e.justification,
      });
    }
  });
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await db.query<{ r: number; stored: number }>(INGEST_SQL, [JSON.stringify(batches), JSON.stringify(rows)]);
      const stored = group.map(() => 0);
      for (const x of result) stored[x.r] = x.stored;
      return stored;
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (attempt >= 3 || typeof code !== 'string' || !RETRYABLE.has(code)) throw e;
    }
  }
}

/** Stores one device's batch on its own (no grouping); answers how many events were new. */
export async function ingestEvents(
  db: Db,
  tenantId: string,
  deviceId: string,
  userId: string | null,
  events: ClientEvent[],
): Promise<number> {
  return (await storeGroup(db, [{ tenantId, deviceId, userId, events }]))[0]!;
}
