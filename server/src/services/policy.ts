import { canonicalJson } from '../../../shared/policy/canonical.ts';
import type { PolicyDocument } from '../../../shared/policy/schema.ts';
import { signPolicy, type SignedPolicy } from '../../../shared/policy/sign.ts';
import type { KeyRing } from '../crypto.ts';
import { sha256Hex } from '../crypto.ts';
import type { Db } from '../db/db.ts';
import { conflict } from '../errors.ts';
import { appendAudit, lockTenant } from './audit.ts';

type Tx = Pick<Db, 'query'>;

export const signingAad = (tenantId: string) => `${tenantId}:signing`;

/**
 * Publishes the next version of a tenant's policy: signs it with the tenant's Ed25519 key and
 * appends `policy.publish` to the audit log, in one transaction. `basedOnVersion`, when given,
 * must be the current version (optimistic concurrency: two admins editing at once do not
 * silently overwrite each other).
 */
export async function publishPolicy(
  tx: Tx,
  keys: KeyRing,
  tenantId: string,
  policy: PolicyDocument,
  actor: string,
  basedOnVersion?: number,
): Promise<SignedPolicy> {
  await lockTenant(tx, tenantId);
  const [cur] = await tx.query<{ v: number | null }>('SELECT max(version) AS v FROM policies WHERE tenant_id = $1', [tenantId]);
  const current = cur?.v ?? 0;
  if (basedOnVersion !== undefined && basedOnVersion !== current) {
    throw conflict(`The policy changed meanwhile: current version is ${current}, not ${basedOnVersion}.`);
  }
  const [t] = await tx.query<{ signing_key_sealed: string }>('SELECT signing_key_sealed FROM tenants WHERE tenant_id = $1', [tenantId]);
  if (!t) throw new Error(`tenant ${tenantId} not found`);
  const secret = keys.open(t.signing_key_sealed, signingAad(tenantId));
  const signed = signPolicy({ tenantId, version: current + 1, issuedAt: new Date().toISOString(), policy }, secret);
  secret.fill(0);
  await tx.query(
    `INSERT INTO policies (tenant_id, version, envelope, issued_at, created_by, privacy_tier, pseudonymize_users)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [tenantId, signed.version, canonicalJson(signed), signed.issuedAt, actor, policy.privacy.tier, policy.privacy.pseudonymizeUsers],
  );
  await appendAudit(tx, tenantId, {
    actor,
    action: 'policy.publish',
    target: `policy:${signed.version}`,
    details: { version: signed.version, sha256: sha256Hex(canonicalJson(policy)) },
  });
  return signed;
}

/** The tenant's newest signed policy, as stored (canonical JSON text). */
export async function currentPolicy(db: Pick<Db, 'query'>, tenantId: string): Promise<{ version: number; envelope: string } | null> {
  const [row] = await db.query<{ version: number; envelope: string }>(
    'SELECT version, envelope FROM policies WHERE tenant_id = $1 ORDER BY version DESC LIMIT 1',
    [tenantId],
  );
  return row ?? null;
}
