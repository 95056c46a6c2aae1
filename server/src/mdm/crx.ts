import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

/**
 * CRX3 packaging (what Chrome and Edge install from an update manifest).
 *
 * File layout: `Cr24`, uint32le version 3, uint32le header length, a `CrxFileHeader` protobuf, then
 * the zip archive. The header holds one `sha256_with_rsa` proof (SPKI DER public key + signature)
 * and `signed_header_data`, a `SignedData` protobuf whose `crx_id` is the first 16 bytes of
 * SHA-256(public key). The signature is RSA PKCS#1 v1.5 SHA-256 over
 * `"CRX3 SignedData\0"` + uint32le(len(signed_header_data)) + signed_header_data + archive.
 * Chrome derives the extension id from that key (and writes it into the installed manifest), so
 * one key pair = one stable id.
 */

const MAGIC = Buffer.from('Cr24', 'latin1');
const SIGNATURE_CONTEXT = Buffer.from('CRX3 SignedData\x00', 'latin1');

/** Protobuf varint. */
function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Buffer.from(out);
}

/** A length-delimited protobuf field (wire type 2). */
function bytesField(field: number, value: Buffer): Buffer {
  return Buffer.concat([varint(field * 8 + 2), varint(value.length), value]);
}

function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

/** SPKI DER of the public half of an RSA private key (PEM, PKCS#1 or PKCS#8). */
export function publicKeyDer(privateKeyPem: string | KeyObject): Buffer {
  const key = typeof privateKeyPem === 'string' ? createPrivateKey(privateKeyPem) : privateKeyPem;
  return createPublicKey(key).export({ type: 'spki', format: 'der' });
}

/** The 16-byte CRX id of a public key (SPKI DER). */
export function crxIdBytes(spkiDer: Buffer): Buffer {
  return createHash('sha256').update(spkiDer).digest().subarray(0, 16);
}

/** The extension id Chrome shows for a public key: the CRX id in hex, digits 0-f written as letters a-p. */
export function extensionIdOf(spkiDer: Buffer): string {
  return [...crxIdBytes(spkiDer).toString('hex')].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** The manifest `key` value for a public key: base64 SPKI DER. */
export function manifestKeyOf(spkiDer: Buffer): string {
  return spkiDer.toString('base64');
}

export interface ZipEntry {
  /** Path inside the archive, `/`-separated. */
  name: string;
  data: Buffer;
}

/**
 * A zip archive (deflate, no extra fields, fixed 1980-01-01 timestamps so the same files give the
 * same bytes). Enough for extensions: no zip64, so under 4 GiB and 65,535 files.
 */
export function zip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const DOS_TIME = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const deflated = deflateRawSync(e.data, { level: 9 });
    const stored = deflated.length >= e.data.length;
    const body = stored ? e.data : deflated;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDir, end]);
}

/** Every file under `dir`, sorted by path, as zip entries. */
export function entriesOfDir(dir: string): ZipEntry[] {
  const out: ZipEntry[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ name: relative(dir, p).split(sep).join('/'), data: readFileSync(p) });
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Packs a zip archive into a CRX3 signed with `privateKeyPem` (RSA). */
export function packCrx3(archive: Buffer, privateKeyPem: string): { crx: Buffer; extensionId: string } {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'rsa') throw new Error('The extension signing key must be an RSA private key.');
  const spki = publicKeyDer(key);
  const signedHeaderData = bytesField(1, crxIdBytes(spki));
  const signature = sign('sha256', Buffer.concat([SIGNATURE_CONTEXT, u32le(signedHeaderData.length), signedHeaderData, archive]), key);
  const proof = Buffer.concat([bytesField(1, spki), bytesField(2, signature)]);
  const header = Buffer.concat([bytesField(2, proof), bytesField(10000, signedHeaderData)]);
  return { crx: Buffer.concat([MAGIC, u32le(3), u32le(header.length), header, archive]), extensionId: extensionIdOf(spki) };
}

/** What {@link parseCrx3} finds in a CRX3 file. */
export interface ParsedCrx {
  rsaProofs: { publicKey: Buffer; signature: Buffer }[];
  signedHeaderData: Buffer;
  crxId: Buffer;
  archive: Buffer;
}

function readVarint(b: Buffer, pos: number): [number, number] {
  let n = 0;
  let mul = 1;
  for (;;) {
    if (pos >= b.length) throw new Error('truncated varint');
    const byte = b[pos++]!;
    n += (byte & 0x7f) * mul;
    if (byte < 0x80) return [n, pos];
    mul *= 128;
  }
}

/** Length-delimited fields of a protobuf message (other wire types are refused: CRX headers have none). */
function fieldsOf(b: Buffer): { field: number; value: Buffer }[] {
  const out: { field: number; value: Buffer }[] = [];
  let pos = 0;
  while (pos < b.length) {
    const [tag, p1] = readVarint(b, pos);
    if ((tag & 7) !== 2) throw new Error(`unexpected wire type ${tag & 7}`);
    const [len, p2] = readVarint(b, p1);
    if (p2 + len > b.length) throw new Error('truncated field');
    out.push({ field: Math.floor(tag / 8), value: b.subarray(p2, p2 + len) });
    pos = p2 + len;
  }
  return out;
}

/** Reads a CRX3 file's structure (for tests and for checking releases); throws on anything malformed. */
export function parseCrx3(crx: Buffer): ParsedCrx {
  if (crx.length < 12 || !crx.subarray(0, 4).equals(MAGIC)) throw new Error('not a CRX file (no Cr24 magic)');
  if (crx.readUInt32LE(4) !== 3) throw new Error(`CRX version ${crx.readUInt32LE(4)}, expected 3`);
  const headerLen = crx.readUInt32LE(8);
  if (12 + headerLen > crx.length) throw new Error('truncated CRX header');
  const header = crx.subarray(12, 12 + headerLen);
  const rsaProofs: ParsedCrx['rsaProofs'] = [];
  let signedHeaderData: Buffer | undefined;
  for (const f of fieldsOf(header)) {
    if (f.field === 2) {
      const p = fieldsOf(f.value);
      rsaProofs.push({
        publicKey: p.find((x) => x.field === 1)?.value ?? Buffer.alloc(0),
        signature: p.find((x) => x.field === 2)?.value ?? Buffer.alloc(0),
      });
    } else if (f.field === 10000) signedHeaderData = f.value;
  }
  if (!signedHeaderData) throw new Error('CRX header has no signed_header_data');
  const crxId = fieldsOf(signedHeaderData).find((x) => x.field === 1)?.value;
  if (!crxId || crxId.length !== 16) throw new Error('signed_header_data has no 16-byte crx_id');
  return { rsaProofs, signedHeaderData, crxId, archive: crx.subarray(12 + headerLen) };
}
