/**
 * The SIEM outbox (migration 010): rows written with the records they export, read by each
 * destination from its cursor. See docs/siem.md ("Delivery").
 */
import type { Db } from '../../db/db.ts';
import type { SiemRecord } from './ocsf.ts';

type Tx = Pick<Db, 'query'>;

export type OutboxRow = {
  xid: string;
  seq: string;
  kind: 'event' | 'alert' | 'audit';
  device_id: string | null;
  ref: string;
  created_at: Date;
};

/** Adds records of the tenant to the outbox, only when the tenant has a destination (in the caller's transaction). */
export async function enqueue(tx: Tx, tenantId: string, kind: 'alert' | 'audit', refs: readonly string[]): Promise<void> {
  if (refs.length === 0) return;
  await tx.query(
    `INSERT INTO siem_outbox (tenant_id, kind, ref)
     SELECT $1, $2, r FROM unnest($3::text[]) AS r WHERE EXISTS (SELECT 1 FROM siem_destinations WHERE tenant_id = $1)`,
    [tenantId, kind, refs],
  );
}

/**
 * The next rows after a cursor, only from transactions that have ended (xid below the snapshot's
 * xmin), in (xid, seq) order: a row that commits later always sorts after the cursor.
 */
export async function nextRows(db: Tx, tenantId: string, cursor: { xid: string; seq: string }, limit: number): Promise<OutboxRow[]> {
  return db.query<OutboxRow>(
    // Ordered by the columns (o.), not by the text aliases of the same names.
    `SELECT o.xid::text AS xid, o.seq::text AS seq, o.kind, o.device_id, o.ref, o.created_at FROM siem_outbox o
      WHERE o.tenant_id = $1 AND (o.xid, o.seq) > ($2::xid8, $3::bigint) AND o.xid < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY o.xid, o.seq LIMIT $4`,
    [tenantId, cursor.xid, cursor.seq, limit],
  );
}

/** Removes rows every destination of the tenant has passed. */
export async function prune(db: Tx, tenantId: string): Promise<void> {
  await db.query(
    `DELETE FROM siem_outbox o USING (
       SELECT cursor_xid, cursor_seq FROM siem_destinations WHERE tenant_id = $1 ORDER BY cursor_xid, cursor_seq LIMIT 1
     ) m WHERE o.tenant_id = $1 AND (o.xid, o.seq) <= (m.cursor_xid, m.cursor_seq)`,
    [tenantId],
  );
}

/** The Daylight id of an outbox row (docs/siem.md): `<device>:<event>`, `alert:<id>`, `audit:<seq>`. */
export function recordId(r: { kind: string; device_id: string | null; ref: string }): string {
  return r.kind === 'event' ? `${r.device_id}:${r.ref}` : `${r.kind}:${r.ref}`;
}

type EventRow = {
  device_id: string;
  event_id: string;
  at: Date;
  user_id: string | null;
  app: string;
  host: string;
  surface: string;
  action: string;
  decision: string;
  account_type: string | null;
  data_types: { type: string; count: number }[] | string;
  text_length: number | null;
  hostname: string | null;
};

/**
 * Loads what the rows point at, in row order. Records that no longer exist (deleted) are skipped.
 * Never reads justification text or value hashes: they do not leave the server.
 */
export async function loadRecords(
  db: Tx,
  tenantId: string,
  rows: readonly Pick<OutboxRow, 'kind' | 'device_id' | 'ref'>[],
): Promise<SiemRecord[]> {
  const events = rows.filter((r) => r.kind === 'event');
  const alerts = rows.filter((r) => r.kind === 'alert');
  const audits = rows.filter((r) => r.kind === 'audit');
  const out = new Map<string, SiemRecord>();
  if (events.length) {
    const found = await db.query<EventRow>(
      `SELECT e.device_id, e.event_id, e.at, e.user_id, e.app, e.host, e.surface, e.action, e.decision, e.account_type,
              e.data_types, e.text_length, d.hostname
         FROM unnest($2::uuid[], $3::text[]) AS k(device_id, event_id)
         JOIN events e ON e.tenant_id = $1 AND e.device_id = k.device_id AND e.event_id = k.event_id
         LEFT JOIN devices d ON d.tenant_id = $1 AND d.device_id = e.device_id`,
      [tenantId, events.map((r) => r.device_id), events.map((r) => r.ref)],
    );
    for (const e of found) {
      const id = `${e.device_id}:${e.event_id}`;
      out.set(id, {
        kind: 'event',
        id,
        time: new Date(e.at),
        event: {
          deviceId: e.device_id,
          eventId: e.event_id,
          hostname: e.hostname,
          userId: e.user_id,
          app: e.app,
          host: e.host,
          surface: e.surface,
          action: e.action,
          decision: e.decision,
          accountType: e.account_type,
          dataTypes: typeof e.data_types === 'string' ? (JSON.parse(e.data_types) as { type: string; count: number }[]) : e.data_types,
          textLength: e.text_length,
        },
      });
    }
  }
  if (alerts.length) {
    const found = await db.query<{
      alert_id: string;
      kind: string;
      severity: 'low' | 'medium' | 'high';
      subject: string;
      window_start: Date;
      window_end: Date;
      evidence: Record<string, unknown> | string;
      created_at: Date;
    }>(
      `SELECT alert_id, kind, severity, subject, window_start, window_end, evidence, created_at FROM alerts
        WHERE tenant_id = $1 AND alert_id = ANY($2::uuid[])`,
      [tenantId, alerts.map((r) => r.ref)],
    );
    for (const a of found) {
      const id = `alert:${a.alert_id}`;
      out.set(id, {
        kind: 'alert',
        id,
        time: new Date(a.created_at),
        alert: {
          alertId: a.alert_id,
          kind: a.kind,
          severity: a.severity,
          subject: a.subject,
          windowStart: new Date(a.window_start),
          windowEnd: new Date(a.window_end),
          evidence: typeof a.evidence === 'string' ? (JSON.parse(a.evidence) as Record<string, unknown>) : a.evidence,
        },
      });
    }
  }
  if (audits.length) {
    const found = await db.query<{
      seq: string | number;
      at: Date;
      actor: string;
      action: string;
      target: string | null;
      details: Record<string, unknown> | string;
      hash: string;
    }>(`SELECT seq, at, actor, action, target, details, hash FROM audit_log WHERE tenant_id = $1 AND seq = ANY($2::bigint[])`, [
      tenantId,
      audits.map((r) => r.ref),
    ]);
    for (const a of found) {
      const id = `audit:${a.seq}`;
      out.set(id, {
        kind: 'audit',
        id,
        time: new Date(a.at),
        audit: {
          seq: Number(a.seq),
          actor: a.actor,
          action: a.action,
          target: a.target,
          details: typeof a.details === 'string' ? (JSON.parse(a.details) as Record<string, unknown>) : a.details,
          hash: a.hash,
        },
      });
    }
  }
  return rows.map((r) => out.get(recordId(r))).filter((r): r is SiemRecord => r !== undefined);
}
