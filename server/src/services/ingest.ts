import type { ClientEvent } from '../../../shared/contracts/events.ts';
import type { Db } from '../db/db.ts';

/**
 * One statement stores a batch and maintains the rollups from exactly the rows it inserted:
 * events already stored (a retried batch, key (tenant_id, device_id, event_id)) are skipped by
 * ON CONFLICT DO NOTHING and so never reach the rollups either. Being one statement, it is atomic
 * without an explicit transaction, and acknowledged only after commit. Rollup keys are fed in
 * sorted order so concurrent batches lock rollup rows in the same order.
 */
const INGEST_SQL = `
WITH tier AS (
  SELECT coalesce((SELECT privacy_tier FROM policies WHERE tenant_id = $1::uuid ORDER BY version DESC LIMIT 1), 'standard') AS t
), input AS (
  SELECT * FROM jsonb_to_recordset($4::jsonb) AS x(
    event_id text, at timestamptz, app text, host text, surface text, action text, decision text,
    account_type text, data_types jsonb, text_length integer, value_hashes jsonb, justification text)
), ins AS (
  INSERT INTO events (tenant_id, device_id, event_id, at, user_id, app, host, surface, action, decision,
                      account_type, data_types, text_length, value_hashes, justification)
  SELECT $1::uuid, $2::uuid, i.event_id, i.at, $3::text, i.app, i.host, i.surface, i.action, i.decision,
         i.account_type, i.data_types, i.text_length,
         CASE WHEN tier.t = 'minimal' THEN NULL ELSE i.value_hashes END,
         CASE WHEN tier.t = 'minimal' THEN NULL ELSE i.justification END
    FROM input i CROSS JOIN tier
  ON CONFLICT DO NOTHING
  RETURNING at, app, action, decision, data_types
), usage AS (
  INSERT INTO usage_daily (tenant_id, day, app, user_id, action, decision, events)
  SELECT $1::uuid, (at AT TIME ZONE 'UTC')::date AS day, app, coalesce($3::text, ''), action, decision, count(*)
    FROM ins GROUP BY 2, 3, 5, 6 ORDER BY 2, 3, 5, 6
  ON CONFLICT (tenant_id, day, app, user_id, action, decision)
    DO UPDATE SET events = usage_daily.events + excluded.events
  RETURNING 1
), data AS (
  INSERT INTO data_daily (tenant_id, day, data_type, decision, events, matches)
  SELECT $1::uuid, (ins.at AT TIME ZONE 'UTC')::date AS day, d.type, ins.decision, count(*), sum(d.count)
    FROM ins CROSS JOIN LATERAL jsonb_to_recordset(ins.data_types) AS d(type text, count bigint)
   GROUP BY 2, 3, 4 ORDER BY 2, 3, 4
  ON CONFLICT (tenant_id, day, data_type, decision)
    DO UPDATE SET events = data_daily.events + excluded.events, matches = data_daily.matches + excluded.matches
  RETURNING 1
)
SELECT (SELECT count(*) FROM ins)::int AS stored, (SELECT count(*) FROM usage)::int AS u, (SELECT count(*) FROM data)::int AS d`;

const RETRYABLE = new Set(['40P01', '40001']); // deadlock detected, serialization failure

/** Stores a device's batch; answers how many events were new. */
export async function ingestEvents(
  db: Db,
  tenantId: string,
  deviceId: string,
  userId: string | null,
  events: ClientEvent[],
): Promise<number> {
  // One row per event id (first wins) and one entry per data type (counts summed), so the
  // statement never sees the same key twice.
  const byId = new Map<string, ClientEvent>();
  for (const e of events) if (!byId.has(e.id)) byId.set(e.id, e);
  const rows = [...byId.values()].map((e) => {
    const types = new Map<string, number>();
    for (const d of e.dataTypes) types.set(d.type, (types.get(d.type) ?? 0) + d.count);
    return {
      event_id: e.id,
      at: e.at,
      app: e.app,
      host: e.host.toLowerCase(),
      surface: e.surface,
      action: e.action,
      decision: e.decision,
      account_type: e.accountType ?? null,
      data_types: [...types].map(([type, count]) => ({ type, count })),
      text_length: e.textLength ?? null,
      value_hashes: e.valueHashes ?? null,
      justification: e.justification ?? null,
    };
  });
  for (let attempt = 1; ; attempt++) {
    try {
      const [r] = await db.query<{ stored: number }>(INGEST_SQL, [tenantId, deviceId, userId, JSON.stringify(rows)]);
      return r?.stored ?? 0;
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (attempt >= 3 || typeof code !== 'string' || !RETRYABLE.has(code)) throw e;
    }
  }
}
