import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { EXTENSION_ID, EXTENSION_PUBLIC_KEY } from '../../../shared/extension-key.ts';
import { crxIdBytes, extensionIdOf, packCrx3, parseCrx3, publicKeyDer, zip } from './crx.ts';
import { compareVersions, listReleases, releaseExtensionId, updateManifest } from './releases.ts';

const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const files = [
  { name: 'manifest.json', data: Buffer.from(JSON.stringify({ manifest_version: 3, name: 'T', version: '1.2.3' })) },
  { name: 'background/index.js', data: Buffer.from('console.log(1);\n'.repeat(200)) },
  { name: 'empty.txt', data: Buffer.alloc(0) },
];

describe('CRX3', () => {
  it('the committed extension id is the id of the committed public key', () => {
    expect(extensionIdOf(Buffer.from(EXTENSION_PUBLIC_KEY, 'base64'))).toBe(EXTENSION_ID);
  });

  it('packs a header Chrome accepts: magic, version 3, a verifiable sha256_with_rsa proof over the signed data and archive', () => {
    const archive = zip(files);
    const { crx, extensionId } = packCrx3(archive, pem);
    expect(crx.subarray(0, 4).toString('latin1')).toBe('Cr24');
    expect(crx.readUInt32LE(4)).toBe(3);
    const parsed = parseCrx3(crx);
    expect(parsed.archive.equals(archive)).toBe(true);
    expect(parsed.rsaProofs).toHaveLength(1);
    const proof = parsed.rsaProofs[0]!;
    expect(proof.publicKey.equals(publicKeyDer(pem))).toBe(true);
    expect(parsed.crxId.equals(crxIdBytes(proof.publicKey))).toBe(true);
    expect(extensionId).toBe(extensionIdOf(proof.publicKey));
    expect(extensionId).toMatch(/^[a-p]{32}$/);
    const len = Buffer.alloc(4);
    len.writeUInt32LE(parsed.signedHeaderData.length);
    const signed = Buffer.concat([Buffer.from('CRX3 SignedData\x00', 'latin1'), len, parsed.signedHeaderData, archive]);
    expect(verify('sha256', signed, { key: proof.publicKey, format: 'der', type: 'spki' }, proof.signature)).toBe(true);
    // A flipped archive byte breaks the signature.
    const tampered = Buffer.from(signed);
    tampered[tampered.length - 30]! ^= 1;
    expect(verify('sha256', tampered, { key: proof.publicKey, format: 'der', type: 'spki' }, proof.signature)).toBe(false);
  });

  it('the archive is a zip that Info-ZIP unzip tests clean and lists completely', () => {
    const dir = mkdtempSync(join(tmpdir(), 'daylight-zip-'));
    try {
      writeFileSync(join(dir, 'x.zip'), zip(files));
      const t = spawnSync('unzip', ['-t', join(dir, 'x.zip')], { encoding: 'utf8' });
      if (t.error) return; // no unzip on this machine: the header test above still ran
      expect(t.status, t.stdout + t.stderr).toBe(0);
      expect(t.stdout).toContain('No errors detected');
      for (const f of files) expect(t.stdout).toContain(f.name);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses non-CRX3 input', () => {
    expect(() => parseCrx3(Buffer.from('PK\x03\x04'))).toThrow(/Cr24/);
    const { crx } = packCrx3(zip(files), pem);
    const v2 = Buffer.from(crx);
    v2.writeUInt32LE(2, 4);
    expect(() => parseCrx3(v2)).toThrow(/version 2/);
  });
});

describe('releases and update.xml', () => {
  it('orders versions numerically and offers the newest CRX with its id', () => {
    expect(compareVersions('0.10.0', '0.9.3')).toBeGreaterThan(0);
    expect(compareVersions('1.0', '1.0.0')).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'daylight-releases-'));
    try {
      const { crx, extensionId } = packCrx3(zip(files), pem);
      for (const v of ['0.9.3', '0.10.0', '0.2.0']) writeFileSync(join(dir, `daylight-${v}.crx`), crx);
      writeFileSync(join(dir, 'daylight-0.11.0.xpi'), 'x');
      writeFileSync(join(dir, 'notes.txt'), 'x');
      expect(listReleases(dir, 'crx').map((r) => r.version)).toEqual(['0.10.0', '0.9.3', '0.2.0']);
      expect(listReleases(dir).map((r) => r.file)).toEqual([
        'daylight-0.11.0.xpi',
        'daylight-0.10.0.crx',
        'daylight-0.9.3.crx',
        'daylight-0.2.0.crx',
      ]);
      expect(releaseExtensionId(dir, 'daylight-0.10.0.crx')).toBe(extensionId);
      expect(listReleases(join(dir, 'absent'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('update.xml is valid gupdate XML (fast-xml-parser)', () => {
    const xml = updateManifest(EXTENSION_ID, { version: '0.10.0', codebase: 'https://d.example/extension/daylight-0.10.0.crx?a=1&b=2' });
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
      gupdate: { xmlns: string; protocol: string; app: { appid: string; updatecheck: { codebase: string; version: string } } };
    };
    expect(doc.gupdate).toMatchObject({ xmlns: 'http://www.google.com/update2/response', protocol: '2.0' });
    expect(doc.gupdate.app.appid).toBe(EXTENSION_ID);
    expect(doc.gupdate.app.updatecheck).toEqual({ codebase: 'https://d.example/extension/daylight-0.10.0.crx?a=1&b=2', version: '0.10.0' });
    const none = updateManifest(EXTENSION_ID, null);
    expect(XMLValidator.validate(none)).toBe(true);
    expect(none).toContain('status="noupdate"');
  });
});
