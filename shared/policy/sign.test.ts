import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from './schema.ts';
import { signPolicy, verifyPolicy, type SignedPolicy } from './sign.ts';

const TENANT = '0b5a3f4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const OTHER_TENANT = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
// A fixed seed keeps failures reproducible; it signs nothing outside this test.
const { secretKey, publicKey } = ed25519.keygen(new Uint8Array(32).fill(7));
const PUB = bytesToHex(publicKey);

function signed(version = 3, tenantId = TENANT): SignedPolicy {
  return signPolicy({ tenantId, version, issuedAt: '2025-01-02T03:04:05.000Z', policy: defaultPolicy() }, secretKey);
}
/** What a device receives: the envelope after a JSON round trip. */
const wire = (p: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(p)) as Record<string, unknown>;

describe('verifyPolicy', () => {
  it('accepts a policy signed by the tenant key, for this tenant, at or after the last version', () => {
    for (const last of [0, 2, 3]) {
      const r = verifyPolicy(wire(signed(3)), PUB, TENANT, last);
      expect(r).toMatchObject({ ok: true, policy: { version: 3, tenantId: TENANT } });
    }
    expect(verifyPolicy(wire(signed()), publicKey, TENANT, 0).ok).toBe(true);
  });

  it('does not depend on key order or spacing on the wire', () => {
    const p = wire(signed());
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(p).reverse()), null, 2)) as unknown;
    expect(verifyPolicy(reordered, PUB, TENANT, 0).ok).toBe(true);
  });

  it.each<[string, (p: Record<string, unknown> & { policy: Record<string, unknown> }) => void]>([
    ['a rule changed', (p) => ((p.policy.data as { defaultAction: string }).defaultAction = 'block')],
    ['the privacy tier lowered', (p) => ((p.policy.privacy as { tier: string }).tier = 'snippets')],
    ['the version bumped', (p) => (p.version = 4)],
    ['the issue date changed', (p) => (p.issuedAt = '2030-01-01T00:00:00.000Z')],
    ['a field added', (p) => (p.extra = true)],
    ['a field removed', (p) => delete p.policy.messages],
    [
      'a signature byte flipped',
      (p) => (p.signature = `${(p.signature as string).slice(0, -1)}${(p.signature as string).endsWith('0') ? '1' : '0'}`),
    ],
  ])('rejects a tampered policy: %s', (_name, tamper) => {
    const p = wire(signed()) as Record<string, unknown> & { policy: Record<string, unknown> };
    tamper(p);
    expect(verifyPolicy(p, PUB, TENANT, 0)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('rejects a policy signed by another key', () => {
    const other = ed25519.keygen(new Uint8Array(32).fill(9));
    expect(verifyPolicy(wire(signed()), other.publicKey, TENANT, 0)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it("rejects another tenant's validly signed policy", () => {
    expect(verifyPolicy(wire(signed(3, OTHER_TENANT)), PUB, TENANT, 0)).toMatchObject({ ok: false, reason: 'wrong_tenant' });
  });

  it('rejects a rollback to an older version', () => {
    expect(verifyPolicy(wire(signed(3)), PUB, TENANT, 4)).toMatchObject({ ok: false, reason: 'rollback' });
  });

  it('refuses a signed document it cannot read rather than applying part of it', () => {
    const unsigned = {
      tenantId: TENANT,
      version: 5,
      issuedAt: '2025-01-02T03:04:05.000Z',
      policy: { ...defaultPolicy(), schemaVersion: 2 },
    };
    const p = signPolicy(unsigned as never, secretKey);
    expect(verifyPolicy(wire(p), PUB, TENANT, 0)).toMatchObject({ ok: false, reason: 'unsupported' });
  });

  it.each([null, 'x', [], {}, { signature: 'zz' }, { signature: 'a'.repeat(128) }])(
    'answers malformed input %j without throwing',
    (input) => {
      const r = verifyPolicy(input, PUB, TENANT, 0);
      expect(r.ok).toBe(false);
    },
  );

  it('answers a bad public key without throwing', () => {
    expect(verifyPolicy(wire(signed()), 'not hex', TENANT, 0)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verifyPolicy(wire(signed()), 'abcd', TENANT, 0)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
