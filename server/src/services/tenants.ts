import { randomBytes, randomUUID } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Role } from '../../../shared/contracts/admin.ts';
import { defaultPolicy } from '../../../shared/policy/schema.ts';
import { mintCredential, type KeyRing } from '../crypto.ts';
import type { Db } from '../db/db.ts';
import { appendAudit, lockTenant } from './audit.ts';
import { publishPolicy, signingAad } from './policy.ts';

type Tx = Pick<Db, 'query'>;

export const pseudonymAad = (tenantId: string) => `${tenantId}:pseudonym`;
export const valueKeyAad = (tenantId: string) => `${tenantId}:value-hash`;

/** How long a one-time sign-in link stays usable. */
export const SIGN_IN_LINK_TTL_MS = 24 * 3600_000;

export interface NewTenant {
  tenantId: string;
  ownerId: string;
  /** One-time owner sign-in token (`dlo_`), for the sign-in link. */
  signInToken: string;
  /** The tenant's first enrollment token (`dle_`), for MDM managed config. */
  enrollmentToken: string;
}

/**
 * Creates a tenant with its keys (Ed25519 policy signing key, pseudonym key, value-hash key, all
 * sealed with the master key), its owner, a one-time owner sign-in link, a first enrollment
 * token and version 1 of the default policy, in one transaction.
 */
export async function createTenant(db: Db, keys: KeyRing, opts: { name: string; ownerEmail: string }): Promise<NewTenant> {
  return db.transaction((tx) => createTenantTx(tx, keys, opts));
}

async function createTenantTx(tx: Tx, keys: KeyRing, opts: { name: string; ownerEmail: string }): Promise<NewTenant> {
  const tenantId = randomUUID();
  const { secretKey, publicKey } = ed25519.keygen();
  await tx.query(
    `INSERT INTO tenants (tenant_id, name, signing_public_key, signing_key_sealed, pseudonym_key_sealed, value_key_sealed)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      tenantId,
      opts.name,
      bytesToHex(publicKey),
      keys.seal(secretKey, signingAad(tenantId)),
      keys.seal(randomBytes(32), pseudonymAad(tenantId)),
      keys.seal(randomBytes(32), valueKeyAad(tenantId)),
    ],
  );
  secretKey.fill(0);
  await lockTenant(tx, tenantId);
  const ownerId = randomUUID();
  await tx.query('INSERT INTO admins (tenant_id, admin_id, email, role) VALUES ($1, $2, $3, $4)', [
    tenantId,
    ownerId,
    opts.ownerEmail.toLowerCase(),
    'owner',
  ]);
  const signInToken = await createSignInLink(tx, tenantId, ownerId);
  const enrollment = await createEnrollmentToken(tx, tenantId, 'Default', 'system');
  await appendAudit(tx, tenantId, {
    actor: 'system',
    action: 'tenant.create',
    target: `tenant:${tenantId}`,
    details: { name: opts.name, owner: ownerId, enrollmentToken: enrollment.id },
  });
  await publishPolicy(tx, keys, tenantId, defaultPolicy(), 'system');
  return { tenantId, ownerId, signInToken, enrollmentToken: enrollment.token };
}

/** A one-time sign-in link token for an admin. */
export async function createSignInLink(tx: Tx, tenantId: string, adminId: string): Promise<string> {
  const { token, hash } = mintCredential('dlo', tenantId);
  await tx.query('INSERT INTO sign_in_links (tenant_id, link_id, admin_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)', [
    tenantId,
    randomUUID(),
    adminId,
    hash,
    new Date(Date.now() + SIGN_IN_LINK_TTL_MS).toISOString(),
  ]);
  return token;
}

export async function createEnrollmentToken(
  tx: Tx,
  tenantId: string,
  name: string,
  createdBy: string,
  expiresAt?: string,
): Promise<{ id: string; token: string }> {
  const { token, hash } = mintCredential('dle', tenantId);
  const id = randomUUID();
  await tx.query(
    'INSERT INTO enrollment_tokens (tenant_id, token_id, name, token_hash, created_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [tenantId, id, name, hash, createdBy, expiresAt ?? null],
  );
  return { id, token };
}

/** Mints an API token (`dlt_`) without going through the API: tests and operator tooling. */
export async function createApiToken(
  db: Db,
  tenantId: string,
  role: Role,
  name = `${role} token`,
  createdBy = 'system',
): Promise<{ id: string; token: string }> {
  return db.transaction(async (tx) => {
    await lockTenant(tx, tenantId);
    const r = await insertApiToken(tx, tenantId, name, role, createdBy);
    await appendAudit(tx, tenantId, { actor: createdBy, action: 'token.create', target: `token:${r.id}`, details: { name, role } });
    return r;
  });
}

export async function insertApiToken(
  tx: Tx,
  tenantId: string,
  name: string,
  role: Role,
  createdBy: string,
): Promise<{ id: string; token: string }> {
  const { token, hash } = mintCredential('dlt', tenantId);
  const id = randomUUID();
  await tx.query('INSERT INTO api_tokens (tenant_id, token_id, name, role, token_hash, created_by) VALUES ($1, $2, $3, $4, $5, $6)', [
    tenantId,
    id,
    name,
    role,
    hash,
    createdBy,
  ]);
  return { id, token };
}

export type BootstrapResult = ({ created: true } & NewTenant) | { created: false };

/**
 * First start: when the deployment has no tenant yet, creates one (see {@link createTenant}).
 * Idempotent, also when several server processes start at once (advisory lock). This and the
 * operator CLIs are the only cross-tenant queries.
 */
export async function bootstrap(db: Db, keys: KeyRing, opts: { name: string; ownerEmail: string }): Promise<BootstrapResult> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('daylight.bootstrap'))");
    const any = await tx.query('SELECT 1 FROM tenants LIMIT 1');
    if (any.length > 0) return { created: false };
    return { created: true, ...(await createTenantTx(tx, keys, opts)) };
  });
}
