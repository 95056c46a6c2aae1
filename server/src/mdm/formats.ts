import { createHash } from 'node:crypto';

/** Writers for the file formats MDM tools take: XML property lists, REG 5.00, XML text. */

export type PlistValue = string | number | boolean | PlistValue[] | { [key: string]: PlistValue };

/** XML text escaping (element content and attribute values). */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function plistNode(v: PlistValue, indent: string): string {
  const inner = `${indent}  `;
  if (typeof v === 'string') return `${indent}<string>${xmlEscape(v)}</string>`;
  if (typeof v === 'boolean') return `${indent}<${v ? 'true' : 'false'}/>`;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new Error('plist: only integers are written');
    return `${indent}<integer>${v}</integer>`;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return `${indent}<array/>`;
    return [`${indent}<array>`, ...v.map((x) => plistNode(x, inner)), `${indent}</array>`].join('\n');
  }
  const entries = Object.entries(v);
  if (entries.length === 0) return `${indent}<dict/>`;
  return [
    `${indent}<dict>`,
    ...entries.flatMap(([k, x]) => [`${inner}<key>${xmlEscape(k)}</key>`, plistNode(x, inner)]),
    `${indent}</dict>`,
  ].join('\n');
}

/** An XML property list (Apple's plist 1.0 DTD), as configuration profiles (`.mobileconfig`) are. */
export function plist(root: { [key: string]: PlistValue }): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    plistNode(root, ''),
    '</plist>',
    '',
  ].join('\n');
}

/** A registry value in a `.reg` file. */
export type RegValue = { sz: string } | { dword: number };

export interface RegKey {
  /** Full path, e.g. `HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Google\Chrome`. */
  path: string;
  values: [name: string, value: RegValue][];
}

/** A REG_SZ string as `.reg` writes it: in double quotes, `\` and `"` escaped with `\`. */
export function regString(s: string): string {
  if (/[\r\n\0]/.test(s)) throw new Error('.reg strings cannot hold line breaks or NUL');
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * A `Windows Registry Editor Version 5.00` file (CRLF lines). Served as UTF-16LE with a byte
 * order mark, as regedit writes them ({@link regBytes}).
 */
export function regFile(keys: readonly RegKey[], comment?: string): string {
  const lines = ['Windows Registry Editor Version 5.00', ''];
  if (comment) for (const c of comment.split('\n')) lines.push(`; ${c}`);
  if (comment) lines.push('');
  for (const k of keys) {
    lines.push(`[${k.path}]`);
    for (const [name, v] of k.values) {
      const data = 'sz' in v ? regString(v.sz) : `dword:${(v.dword >>> 0).toString(16).padStart(8, '0')}`;
      lines.push(`${regString(name)}=${data}`);
    }
    lines.push('');
  }
  return lines.join('\r\n');
}

/** UTF-16LE with BOM: the encoding regedit exports REG 5.00 files in. */
export function regBytes(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/**
 * A UUID derived from a name (SHA-256, version and variant bits set like a v4): configuration
 * profiles need payload UUIDs, and generating the same profile twice must give the same UUIDs so
 * MDM treats a re-upload as an update.
 */
export function stableUuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\n')).digest();
  h[6] = (h[6]! & 0x0f) | 0x40;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex').toUpperCase();
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
