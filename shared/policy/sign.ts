import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { canonicalJson } from './canonical.ts';
import { PolicyDocument } from './schema.ts';

/**
 * Domain separation: the signed bytes are this prefix followed by the canonical JSON of the
 * envelope without its signature, so a policy signature can never be replayed as a signature over
 * anything else the tenant key might sign later.
 */
export const POLICY_SIGNATURE_CONTEXT = 'daylight-policy-v1\n';

const Hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), `${bytes} bytes as lower-case hex`);

/** What the server serves to devices (`GET /v1/policy`): a policy version signed for one tenant. */
export const SignedPolicy = z.strictObject({
  tenantId: z.uuid(),
  /** Increases by one with each publication; clients refuse to go back. */
  version: z.number().int().min(1),
  issuedAt: z.iso.datetime(),
  policy: PolicyDocument,
  /** Ed25519 over POLICY_SIGNATURE_CONTEXT + canonicalJson(envelope without `signature`). */
  signature: Hex(64),
});
export type SignedPolicy = z.infer<typeof SignedPolicy>;

/** An Ed25519 public key as 64 lower-case hex characters. */
export const PublicKeyHex = Hex(32);

function signedBytes(unsigned: Record<string, unknown>): Uint8Array {
  return utf8ToBytes(POLICY_SIGNATURE_CONTEXT + canonicalJson(unsigned));
}

/**
 * Signs a policy version with the tenant's Ed25519 secret key (32 bytes). The server calls this
 * when an admin publishes; `policy` should be the parsed document (defaults filled in) so every
 * client reads the same values.
 */
export function signPolicy(
  unsigned: { tenantId: string; version: number; issuedAt: string; policy: PolicyDocument },
  secretKey: Uint8Array,
): SignedPolicy {
  const signature = bytesToHex(ed25519.sign(signedBytes(unsigned), secretKey));
  return { ...unsigned, signature };
}

export type VerifyFailure = 'malformed' | 'bad_signature' | 'wrong_tenant' | 'rollback' | 'unsupported';

export type VerifyResult = { ok: true; policy: SignedPolicy } | { ok: false; reason: VerifyFailure; message: string };

/**
 * What a device does with a policy it fetched: accept it only if the tenant's key signed exactly
 * these bytes, it is for this device's tenant, and its version is not older than the last good one
 * (`lastVersion`, 0 when there is none). On any failure the caller keeps its last good policy.
 *
 * The signature is checked over the document as received (before zod fills defaults or drops
 * anything), then the document is parsed; a validly signed document this client cannot parse
 * (a newer schema) is `unsupported`, not silently half-applied.
 *
 * @example
 * ```ts
 * const r = verifyPolicy(await res.json(), tenantPublicKeyHex, myTenantId, stored?.version ?? 0);
 * if (r.ok) store(r.policy); else log(r.reason);
 * ```
 */
export function verifyPolicy(signed: unknown, publicKey: Uint8Array | string, tenantId: string, lastVersion: number): VerifyResult {
  if (typeof signed !== 'object' || signed === null || Array.isArray(signed)) return fail('malformed', 'not a JSON object');
  const { signature, ...unsigned } = signed as Record<string, unknown>;
  if (typeof signature !== 'string' || !/^[0-9a-f]{128}$/.test(signature)) return fail('malformed', 'missing or malformed signature');
  let key: Uint8Array;
  try {
    key = typeof publicKey === 'string' ? hexToBytes(publicKey) : publicKey;
    if (key.length !== 32) return fail('malformed', 'public key must be 32 bytes');
  } catch {
    return fail('malformed', 'public key is not hex');
  }
  let valid: boolean;
  try {
    // zip215: false = strict RFC 8032 verification (no malleable encodings).
    valid = ed25519.verify(hexToBytes(signature), signedBytes(unsigned), key, { zip215: false });
  } catch {
    valid = false;
  }
  if (!valid) return fail('bad_signature', 'signature does not match the tenant key');
  if (unsigned.tenantId !== tenantId) return fail('wrong_tenant', `policy is for tenant ${String(unsigned.tenantId)}`);
  const parsed = SignedPolicy.safeParse(signed);
  if (!parsed.success) return fail('unsupported', `signed policy this client cannot read: ${parsed.error.issues[0]?.message ?? ''}`);
  if (parsed.data.version < lastVersion) return fail('rollback', `version ${parsed.data.version} is older than ${lastVersion}`);
  return { ok: true, policy: parsed.data };
}

function fail(reason: VerifyFailure, message: string): VerifyResult {
  return { ok: false, reason, message };
}
