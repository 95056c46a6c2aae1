/** SIEM destinations of a tenant: stored config, sealed secret, delivery status. */
import { DESTINATION_SCHEMAS, type DestinationInfo, type DestinationKind } from '../../../../shared/contracts/siem.ts';
import type { KeyRing } from '../../crypto.ts';
import type { Db } from '../../db/db.ts';
import { iso } from '../../routes/util.ts';

type Tx = Pick<Db, 'query'>;

export type DestinationRow = {
  tenant_id: string;
  destination_id: string;
  name: string;
  kind: DestinationKind;
  config: Record<string, unknown> | string;
  secret_sealed: string | null;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
  cursor_xid: string;
  cursor_seq: string;
  attempts: number;
  next_attempt_at: Date;
  delivered: string | number;
  failures: string | number;
  dead_lettered: string | number;
  last_error: string | null;
  last_error_at: Date | null;
  last_delivered_at: Date | null;
};

/** The columns of a DestinationRow, with a table alias prefix (`d.`) or none. */
export const destinationColumns = (p = '') =>
  [
    'tenant_id',
    'destination_id',
    'name',
    'kind',
    'config',
    'secret_sealed',
    'enabled',
    'created_at',
    'updated_at',
    'cursor_xid::text AS cursor_xid',
    'cursor_seq::text AS cursor_seq',
    'attempts',
    'next_attempt_at',
    'delivered',
    'failures',
    'dead_lettered',
    'last_error',
    'last_error_at',
    'last_delivered_at',
  ]
    .map((c) => p + c)
    .join(', ');

/** The purpose a destination's secret is sealed for: bound to tenant and destination. */
export const secretAad = (tenantId: string, destinationId: string) => `${tenantId}:siem:${destinationId}`;

export function sealSecret(keys: KeyRing, tenantId: string, destinationId: string, secret: unknown): string {
  return keys.seal(new TextEncoder().encode(JSON.stringify(secret)), secretAad(tenantId, destinationId));
}

export function openSecret(
  keys: KeyRing,
  row: Pick<DestinationRow, 'tenant_id' | 'destination_id' | 'secret_sealed'>,
): Record<string, string> {
  if (!row.secret_sealed) return {};
  return JSON.parse(new TextDecoder().decode(keys.open(row.secret_sealed, secretAad(row.tenant_id, row.destination_id)))) as Record<
    string,
    string
  >;
}

export function configOf(row: Pick<DestinationRow, 'config'>): Record<string, unknown> {
  return typeof row.config === 'string' ? (JSON.parse(row.config) as Record<string, unknown>) : row.config;
}

/** The config parsed with its kind's schema (defaults filled in). */
export function parsedConfig<K extends DestinationKind>(kind: K, config: unknown) {
  return DESTINATION_SCHEMAS[kind].config.parse(config);
}

/** Destinations with their status (one or all), never the secret. */
export async function listDestinations(db: Tx, tenantId: string, destinationId?: string): Promise<DestinationInfo[]> {
  const rows = await db.query<
    DestinationRow & { dead_waiting: string | number; oldest_outbox: Date | null; oldest_requeued: Date | null; now: Date }
  >(
    `SELECT ${destinationColumns('d.')},
            (SELECT count(*) FROM siem_dead_letters x WHERE x.tenant_id = d.tenant_id AND x.destination_id = d.destination_id AND x.requeued_at IS NULL) AS dead_waiting,
            (SELECT o.created_at FROM siem_outbox o WHERE o.tenant_id = d.tenant_id AND (o.xid, o.seq) > (d.cursor_xid, d.cursor_seq)
              ORDER BY o.xid, o.seq LIMIT 1) AS oldest_outbox,
            (SELECT min(x.created_at) FROM siem_dead_letters x WHERE x.tenant_id = d.tenant_id AND x.destination_id = d.destination_id AND x.requeued_at IS NOT NULL) AS oldest_requeued,
            now() AS now
       FROM siem_destinations d
      WHERE d.tenant_id = $1 AND ($2::uuid IS NULL OR d.destination_id = $2)
      ORDER BY d.created_at, d.destination_id`,
    [tenantId, destinationId ?? null],
  );
  return rows.map((r) => {
    const oldest = [r.oldest_outbox, r.oldest_requeued].filter((d): d is Date => d !== null).map((d) => new Date(d).getTime());
    const oldestAt = oldest.length ? Math.min(...oldest) : null;
    return {
      id: r.destination_id,
      name: r.name,
      kind: r.kind,
      enabled: r.enabled,
      config: configOf(r),
      hasSecret: r.secret_sealed !== null,
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
      status: {
        delivered: Number(r.delivered),
        failures: Number(r.failures),
        deadLettered: Number(r.dead_lettered),
        deadLetters: Number(r.dead_waiting),
        attempts: r.attempts,
        nextAttemptAt: iso(r.next_attempt_at),
        oldestUndeliveredAt: oldestAt === null ? null : new Date(oldestAt).toISOString(),
        lagSeconds: oldestAt === null ? 0 : Math.max(0, (new Date(r.now).getTime() - oldestAt) / 1000),
        lastError: r.last_error,
        lastErrorAt: iso(r.last_error_at),
        lastDeliveredAt: iso(r.last_delivered_at),
      },
    };
  });
}
