import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { createScanner } from '../../engine.ts';
import { scanWith } from '../../testing.ts';
import { privateKey } from './private-key.ts';

const scan = scanWith(privateKey);
const raw = createScanner({ recognizers: [privateKey], classifiers: [] });

/** Synthetic base64 (not a real key): a fixed-seed generator, so runs are reproducible. */
function base64(n: number, seed: number): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let x = seed;
  let s = 'MII';
  while (s.length < n) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    s += A[(x >>> 16) & 63];
  }
  return s;
}
const lines = (s: string, sep = '\n'): string => (s.match(/.{1,64}/g) ?? []).join(sep);

const BODY = lines(base64(1600, 1));
const RSA = `-----BEGIN RSA PRIVATE KEY-----\n${BODY}\n-----END RSA PRIVATE KEY-----`;
const PKCS8 = `-----BEGIN PRIVATE KEY-----\n${lines(base64(1200, 2))}\n-----END PRIVATE KEY-----`;
const OPENSSH = `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines(base64(400, 3))}\n-----END OPENSSH PRIVATE KEY-----`;
const ENCRYPTED_PEM = `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F2B9C4E8D7A4F1E9B6C2A5D8E7F1C30\n\n${BODY}\n-----END RSA PRIVATE KEY-----`;
const PGP = `-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: Synthetic 1.0\n\n${lines(base64(900, 4))}\n=tQ7x\n-----END PGP PRIVATE KEY BLOCK-----`;
const IN_JSON = `-----BEGIN PRIVATE KEY-----\\n${lines(base64(1200, 5), '\\n')}\\n-----END PRIVATE KEY-----\\n`;

describe('private_key', () => {
  it.each([
    [`key:\n${RSA}\n`, RSA],
    [PKCS8, PKCS8],
    [`cat ~/.ssh/id_ed25519\n${OPENSSH}`, OPENSSH],
    [ENCRYPTED_PEM, ENCRYPTED_PEM],
    [`${PGP}\n`, PGP],
    [`{"type": "service_account", "private_key": "${IN_JSON}", "client_email": "svc@proj.iam.test"}`, IN_JSON.slice(0, -2)],
    [`  indented:\n    ${RSA.replace(/\n/g, '\n    ')}`, RSA.replace(/\n/g, '\n    ')],
  ])('finds %#', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it('reports a block without END from BEGIN to the end of its body, with lower confidence', () => {
    const cut = `-----BEGIN RSA PRIVATE KEY-----\n${BODY.slice(0, 700)}`;
    const text = `${cut}\n\nand then the paste ended`;
    const found = raw.scan(text);
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual([cut]);
    expect(found[0]?.confidence).toBeGreaterThanOrEqual(0.5);
    expect(found[0]?.confidence).toBeLessThan(raw.scan(RSA)[0]?.confidence ?? 0);
  });

  it('reports each of two consecutive blocks', () => {
    expect(scan(`${RSA}\n${PKCS8}`)).toEqual([RSA, PKCS8]);
  });

  it.each([
    ['public key', `-----BEGIN PUBLIC KEY-----\n${BODY}\n-----END PUBLIC KEY-----`],
    ['certificate', `-----BEGIN CERTIFICATE-----\n${BODY}\n-----END CERTIFICATE-----`],
    ['ssh public key', `ssh-ed25519 ${base64(68, 6)} dev@laptop`],
    ['RSA public key', `-----BEGIN RSA PUBLIC KEY-----\n${BODY}\n-----END RSA PUBLIC KEY-----`],
    ['ellipsis body', '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----'],
    ['placeholder body', '-----BEGIN RSA PRIVATE KEY-----\n<your private key here>\n-----END RSA PRIVATE KEY-----'],
    ['short truncated body', '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\n'],
    ['mask body', `-----BEGIN PRIVATE KEY-----\n${'X'.repeat(64)}\n${'X'.repeat(64)}\n-----END PRIVATE KEY-----`],
    ['prose mention', 'Paste the -----BEGIN PRIVATE KEY----- line too.'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and silent on 200 KB of near-matches', () => {
    const unit = '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\n-----BEGIN PRIVATE KEY----- -----END PRIVATE KEY-----\n';
    expect(scan(adversarialText(unit, 200_000))).toEqual([]);
  });
});
