import { canonicalJson } from '../../../shared/policy/canonical.ts';
import { sha256Hex } from '../crypto.ts';
import type { Db } from '../db/db.ts';
import { enqueue } from './siem/outbox.ts';

type Tx = Pick<Db, 'query'>;

/** The hash a chain starts from (the `prev_hash` of record 1). */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  /** Who: `admin:<id>`, `token:<id>`, `device:<id>`, `enrollment:<id>` or `system`. */
  actor: string;
  /** What, as `noun.verb`: `policy.publish`, `token.create`, `device.revoke`... */
  action: string;
  target?: string | null;
  /** Plain JSON data; never secrets. */
  details?: Record<string, unknown>;
}

export interface AuditRecord {
  tenantId: string;
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** The SHA-256 of a record: over the canonical JSON of every field but `hash` itself. */
export function recordHash(r: Omit<AuditRecord, 'hash'>): string {
  return sha256Hex(
    canonicalJson({
      tenantId: r.tenantId,
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      target: r.target,
      details: r.details,
      prevHash: r.prevHash,
    }),
  );
}

/**
 * Serializes a tenant's audited changes: takes the tenant row lock for the rest of the
 * transaction. Call it first in any transaction that appends to the audit log (one lock order, no
 * deadlocks); appends then see a stable chain head.
 */
export async function lockTenant(tx: Tx, tenantId: string): Promise<boolean> {
  const rows = await tx.query('SELECT 1 FROM tenants WHERE tenant_id = $1 FOR UPDATE', [tenantId]);
  return rows.length === 1;
}

/** Appends one record to the tenant's chain. Run inside a transaction that called {@link lockTenant}. */
export async function appendAudit(tx: Tx, tenantId: string, e: AuditEntry): Promise<AuditRecord> {
  const [head] = await tx.query<{ seq: string | number; hash: string }>(
    'SELECT seq, hash FROM audit_log WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1',
    [tenantId],
  );
  const partial = {
    tenantId,
    seq: head ? Number(head.seq) + 1 : 1,
    at: new Date().toISOString(),
    actor: e.actor,
    action: e.action,
    target: e.target ?? null,
    details: e.details ?? {},
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const record = { ...partial, hash: recordHash(partial) };
  await tx.query(
    `INSERT INTO audit_log (tenant_id, seq, at, actor, action, target, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)`,
    [
      tenantId,
      record.seq,
      record.at,
      record.actor,
      record.action,
      record.target,
      JSON.stringify(record.details),
      record.prevHash,
      record.hash,
    ],
  );
  // Exported to the tenant's SIEM destinations, if any (docs/siem.md).
  await enqueue(tx, tenantId, 'audit', [String(record.seq)]);
  return record;
}

/** Runs `fn` in a transaction holding the tenant lock, then appends what it returns as the audit record. */
export async function audited<R>(db: Db, tenantId: string, fn: (tx: Tx) => Promise<{ result: R; audit: AuditEntry }>): Promise<R> {
  return db.transaction(async (tx) => {
    await lockTenant(tx, tenantId);
    const { result, audit } = await fn(tx);
    await appendAudit(tx, tenantId, audit);
    return result;
  });
}

type Row = {
  seq: string | number;
  at: Date | string;
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
};

function toRecord(tenantId: string, r: Row): AuditRecord {
  return {
    tenantId,
    seq: Number(r.seq),
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    target: r.target,
    details: typeof r.details === 'string' ? (JSON.parse(r.details) as Record<string, unknown>) : r.details,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** A page of the tenant's log in chain order, records with `seq > after`. */
export async function readAudit(db: Pick<Db, 'query'>, tenantId: string, after: number, limit: number): Promise<AuditRecord[]> {
  const rows = await db.query<Row>(
    `SELECT seq, at, actor, action, target, details, prev_hash, hash FROM audit_log
      WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [tenantId, after, limit],
  );
  return rows.map((r) => toRecord(tenantId, r));
}

export type ChainCheck =
  { ok: true; records: number; head: string } | { ok: false; records: number; brokenAt: { seq: number; reason: string } };

/**
 * Walks the tenant's chain from the start and stops at the first broken link: a record whose
 * content no longer matches its hash (edited), whose `prev_hash` is not the previous record's hash
 * (edited, inserted or reordered), or a gap in `seq` (deleted). Truncating the newest records is
 * only visible against a head hash kept elsewhere (`head`, e.g. in the SIEM).
 */
export async function verifyAuditChain(db: Pick<Db, 'query'>, tenantId: string, pageSize = 1000): Promise<ChainCheck> {
  let prev = GENESIS_HASH;
  let expected = 1;
  for (;;) {
    const page = await readAudit(db, tenantId, expected - 1, pageSize);
    for (const r of page) {
      if (r.seq !== expected) return broken(expected - 1, expected, `record ${expected} is missing (next is ${r.seq})`);
      if (r.prevHash !== prev)
        return broken(expected - 1, r.seq, `record ${r.seq} does not link to record ${r.seq - 1} (prev_hash differs)`);
      const { hash, ...rest } = r;
      if (recordHash(rest) !== hash) return broken(expected - 1, r.seq, `record ${r.seq} was altered (content does not match its hash)`);
      prev = hash;
      expected++;
    }
    if (page.length < pageSize) return { ok: true, records: expected - 1, head: prev };
  }
}

function broken(records: number, seq: number, reason: string): ChainCheck {
  return { ok: false, records, brokenAt: { seq, reason } };
}
