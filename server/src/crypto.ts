import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Bearer credentials all have one shape: `<kind>_<tenant id, 22 base64url chars><secret, 43
 * base64url chars>`. The tenant id inside lets every lookup filter by tenant (one shard on a
 * distributed database) before matching the SHA-256 of the whole token; the 256-bit random secret
 * makes a fast hash sufficient (nothing to brute-force).
 *
 * - `dlt`: API token (automation), scoped to a role
 * - `dls`: admin session (from a sign-in link)
 * - `dlo`: one-time sign-in link token
 * - `dle`: enrollment token (in MDM managed config)
 * - `dld`: device credential
 * - `dlp`: SCIM provisioning token (the IdP's provisioning client)
 */
export type CredentialKind = 'dlt' | 'dls' | 'dlo' | 'dle' | 'dld' | 'dlp';

const CREDENTIAL = /^(dlt|dls|dlo|dle|dld|dlp)_([A-Za-z0-9_-]{22})([A-Za-z0-9_-]{43})$/;

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function hmacHex(key: Uint8Array, data: string): string {
  return createHmac('sha256', key).update(data).digest('hex');
}

function uuidToBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

function bytesToUuid(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A new credential for a tenant and the hash the database keeps instead of it. */
export function mintCredential(kind: CredentialKind, tenantId: string): { token: string; hash: string } {
  const token = `${kind}_${uuidToBytes(tenantId).toString('base64url')}${randomBytes(32).toString('base64url')}`;
  return { token, hash: sha256Hex(token) };
}

/** Splits a presented credential; null when it is not one of ours (wrong shape or non-canonical encoding). */
export function parseCredential(token: string): { kind: CredentialKind; tenantId: string; hash: string } | null {
  const m = CREDENTIAL.exec(token);
  if (!m) return null;
  const tenant = Buffer.from(m[2]!, 'base64url');
  // Reject non-canonical encodings (stray low bits) so one tenant id has exactly one spelling.
  if (tenant.length !== 16 || tenant.toString('base64url') !== m[2]) return null;
  return { kind: m[1] as CredentialKind, tenantId: bytesToUuid(tenant), hash: sha256Hex(token) };
}

/**
 * Seals tenant secrets (policy signing key, pseudonym and value-hash keys) with the server's
 * master key, AES-256-GCM, bound to what they are for (`aad`, e.g. `<tenant id>:signing`) so a
 * sealed value cannot be moved to another tenant or purpose. The database alone reveals no key.
 */
export class KeyRing {
  readonly #key: Buffer;

  constructor(masterKey: Uint8Array) {
    if (masterKey.length !== 32) throw new Error('master key must be 32 bytes');
    this.#key = Buffer.from(masterKey);
  }

  /** A throwaway key ring (tests). */
  static random(): KeyRing {
    return new KeyRing(randomBytes(32));
  }

  /**
   * HMAC-SHA-256 (base64url) of `data` under a key derived from the master key for `purpose`
   * (e.g. CSRF tokens bound to a session): unforgeable without the master key, stable across
   * restarts and server processes that share it.
   */
  mac(purpose: string, data: string): string {
    const key = createHmac('sha256', this.#key).update(`daylight-mac-v1:${purpose}`).digest();
    return createHmac('sha256', key).update(data).digest('base64url');
  }

  seal(plain: Uint8Array, aad: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.#key, iv);
    c.setAAD(Buffer.from(aad));
    const body = Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
    return `v1.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  open(sealed: string, aad: string): Uint8Array {
    const [v, iv, body] = sealed.split('.');
    if (v !== 'v1' || !iv || !body) throw new Error('unknown sealed format');
    const b = Buffer.from(body, 'base64url');
    const d = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(b.subarray(b.length - 16));
    return new Uint8Array(Buffer.concat([d.update(b.subarray(0, b.length - 16)), d.final()]));
  }
}

/**
 * The master key: `MASTER_KEY` (32 bytes as 64 hex or base64) when given, else the key file,
 * created with mode 0600 on first start. Losing it makes the tenants' sealed keys unreadable.
 */
export function loadMasterKey(opts: { masterKey?: string; keyFile: string }): Uint8Array {
  if (opts.masterKey) return decodeKey(opts.masterKey, 'MASTER_KEY');
  if (existsSync(opts.keyFile)) return decodeKey(readFileSync(opts.keyFile, 'utf8').trim(), opts.keyFile);
  mkdirSync(dirname(opts.keyFile), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(opts.keyFile, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

function decodeKey(s: string, where: string): Uint8Array {
  const b = /^[0-9a-fA-F]{64}$/.test(s) ? Buffer.from(s, 'hex') : Buffer.from(s, 'base64');
  if (b.length !== 32) throw new Error(`${where}: master key must be 32 bytes (64 hex characters or base64)`);
  return b;
}
