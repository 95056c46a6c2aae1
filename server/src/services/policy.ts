import { canonicalJson } from '../../../shared/policy/canonical.ts';
import { PolicyException, type PolicyDocument } from '../../../shared/policy/schema.ts';
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
 *
 * Exceptions: the published document carries the document's own unexpired exceptions plus every
 * unexpired exception reviewers granted (`policy_exceptions`, routes/review.ts), so an admin who
 * publishes a policy without them does not take them away; expired ones are dropped. `now` is the
 * server clock (injectable for tests).
 */
export async function publishPolicy(
  tx: Tx,
  keys: KeyRing,
  tenantId: string,
  input: PolicyDocument,
  actor: string,
  basedOnVersion?: number,
  now: Date = new Date(),
): Promise<SignedPolicy> {
  await lockTenant(tx, tenantId);
  const policy = { ...input, exceptions: await withGrantedExceptions(tx, tenantId, input.exceptions, now) };
  const [cur] = await tx.query<{ v: number | null }>('SELECT max(version) AS v FROM policies WHERE tenant_id = $1', [tenantId]);
  const current = cur?.v ?? 0;
  if (basedOnVersion !== undefined && basedOnVersion !== current) {
    throw conflict(`The policy changed meanwhile: current version is ${current}, not ${basedOnVersion}.`);
  }
  const [t] = await tx.query<{ signing_key_sealed: string }>('SELECT signing_key_sealed FROM tenants WHERE tenant_id = $1', [tenantId]);
  if (!t) throw new Error(`tenant ${tenantId} not found`);
  const secret = keys.open(t.signing_key_sealed, signingAad(tenantId));
  const signed = signPolicy({ tenantId, version: current + 1, issuedAt: now.toISOString(), policy }, secret);
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

/** The exceptions a new version carries: the document's unexpired ones, then the granted ones (same id: the granted one wins). */
async function withGrantedExceptions(tx: Tx, tenantId: string, own: PolicyException[], now: Date): Promise<PolicyException[]> {
  const rows = await tx.query<{ body: unknown }>(
    'SELECT body FROM policy_exceptions WHERE tenant_id = $1 AND until > $2 ORDER BY created_at, exception_id',
    [tenantId, now.toISOString()],
  );
  const granted = rows.map((r) => PolicyException.parse(typeof r.body === 'string' ? JSON.parse(r.body) : r.body));
  const ids = new Set(granted.map((e) => e.id));
  const t = now.getTime();
  return [...own.filter((e) => Date.parse(e.until) > t && !ids.has(e.id)), ...granted];
}
