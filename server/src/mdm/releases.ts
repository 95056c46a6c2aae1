import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { crxIdBytes, extensionIdOf, parseCrx3 } from './crx.ts';
import { xmlEscape } from './formats.ts';

/**
 * Self-hosted extension releases: a directory of `daylight-VERSION.crx` (Chrome, Edge) and
 * `daylight-VERSION.xpi` (Firefox, signed by Mozilla) files. The newest version is offered in
 * `update.xml`; older files stay downloadable so browsers mid-update do not fail.
 */

const FILE = /^daylight-(\d{1,5}(?:\.\d{1,5}){0,3})\.(crx|xpi)$/;

export interface Release {
  version: string;
  file: string;
  kind: 'crx' | 'xpi';
}

/** Compares dotted versions numerically (`0.10.0` > `0.9.3`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The releases in `dir`, newest first (an absent directory has none). */
export function listReleases(dir: string | undefined, kind?: 'crx' | 'xpi'): Release[] {
  if (!dir || !existsSync(dir)) return [];
  const out: Release[] = [];
  for (const file of readdirSync(dir)) {
    const m = FILE.exec(file);
    if (m && (!kind || m[2] === kind)) out.push({ version: m[1]!, file, kind: m[2] as 'crx' | 'xpi' });
  }
  return out.sort((a, b) => compareVersions(b.version, a.version) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

const idCache = new Map<string, { stamp: string; id: string }>();

/** The extension id a CRX release installs as (from its signing key); cached per file, size and mtime. */
export function releaseExtensionId(dir: string, file: string): string {
  const path = join(dir, file);
  const st = statSync(path);
  const stamp = `${st.size}:${st.mtimeMs}`;
  const hit = idCache.get(path);
  if (hit?.stamp === stamp) return hit.id;
  const id = extensionIdFromCrx(readFileSync(path), file);
  if (idCache.size > 100) idCache.clear();
  idCache.set(path, { stamp, id });
  return id;
}

/**
 * The newest CRX release that parses, with the extension id it installs as. A damaged or foreign
 * file (a failed upload, a CRX signed without the extension key) is passed over, reported through
 * `onBad`, so one bad file never stops browsers from updating to the newest good one.
 */
export function newestCrx(
  dir: string | undefined,
  onBad: (file: string, error: unknown) => void = () => undefined,
): { release: Release; id: string } | undefined {
  if (!dir) return undefined;
  for (const release of listReleases(dir, 'crx')) {
    try {
      return { release, id: releaseExtensionId(dir, release.file) };
    } catch (e) {
      onBad(release.file, e);
    }
  }
  return undefined;
}

function extensionIdFromCrx(bytes: Buffer, file: string): string {
  const crx = parseCrx3(bytes);
  // The developer key is the proof whose key hashes to the header's crx_id.
  const proof = crx.rsaProofs.find((p) => crxIdBytes(p.publicKey).equals(crx.crxId));
  if (!proof) throw new Error(`${file}: no RSA proof matches the CRX id`);
  return extensionIdOf(proof.publicKey);
}

/**
 * The gupdate update manifest (protocol 2.0) Chrome and Edge poll for a self-hosted extension:
 * one `<app>` with the newest version and where to download it.
 */
export function updateManifest(appId: string, release: { version: string; codebase: string } | null): string {
  const check = release
    ? `<updatecheck codebase="${xmlEscape(release.codebase)}" version="${xmlEscape(release.version)}"/>`
    : '<updatecheck status="noupdate"/>';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gupdate xmlns="http://www.google.com/update2/response" protocol="2.0">',
    `  <app appid="${xmlEscape(appId)}" status="ok">`,
    `    ${check}`,
    '  </app>',
    '</gupdate>',
    '',
  ].join('\n');
}
