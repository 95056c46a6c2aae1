/**
 * Independent check-digit implementations used to build valid (and deliberately invalid) corpus
 * values. Written from the published algorithms, not from the detectors, so the corpus can judge
 * the detectors instead of mirroring them.
 */

/** Luhn: true when the digit string (separators removed) has a valid check digit. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** The Luhn check digit to append to `payload`. */
export function luhnCheckDigit(payload: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(payload + d)) return String(d);
  throw new Error('unreachable');
}

/** ISO 7064 mod 97-10 over an IBAN (any case, spaces allowed). */
export function ibanValid(iban: string): boolean {
  const s = iban.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(s)) return false;
  return mod97(s.slice(4) + s.slice(0, 4)) === 1;
}

function mod97(s: string): number {
  let r = 0;
  for (const ch of s) {
    const v = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) r = (r * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return r;
}

/** The two IBAN check digits for a country code and BBAN. */
export function ibanCheckDigits(country: string, bban: string): string {
  const r = mod97(bban.toUpperCase() + country.toUpperCase() + '00');
  return String(98 - r).padStart(2, '0');
}

// Verhoeff tables (dihedral group D5).
const VD = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VP = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const VINV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

export function verhoeffValid(digits: string): boolean {
  let c = 0;
  const n = digits.length;
  for (let i = 0; i < n; i++) {
    const d = digits.charCodeAt(n - 1 - i) - 48;
    c = (VD[c] as number[])[(VP[i % 8] as number[])[d] as number] as number;
  }
  return c === 0;
}

export function verhoeffCheckDigit(payload: string): string {
  let c = 0;
  const n = payload.length;
  for (let i = 0; i < n; i++) {
    const d = payload.charCodeAt(n - 1 - i) - 48;
    c = (VD[c] as number[])[(VP[(i + 1) % 8] as number[])[d] as number] as number;
  }
  return String(VINV[c]);
}

/** Brazilian CPF: the two check digits for nine base digits. */
export function cpfCheckDigits(nine: string): string {
  const ds = [...nine].map(Number);
  let s = 0;
  for (let i = 0; i < 9; i++) s += (ds[i] as number) * (10 - i);
  const d1 = ((s * 10) % 11) % 10;
  s = 0;
  for (let i = 0; i < 9; i++) s += (ds[i] as number) * (11 - i);
  s += d1 * 2;
  const d2 = ((s * 10) % 11) % 10;
  return `${d1}${d2}`;
}

export function cpfValid(cpf: string): boolean {
  const s = cpf.replace(/[.\-\s]/g, '');
  if (!/^\d{11}$/.test(s) || /^(\d)\1{10}$/.test(s)) return false;
  return cpfCheckDigits(s.slice(0, 9)) === s.slice(9);
}

/** Dutch BSN 11-test: 9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11. */
export function bsnValid(bsn: string): boolean {
  const s = bsn.replace(/[.\s-]/g, '');
  if (!/^\d{9}$/.test(s) || s === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (s.charCodeAt(i) - 48) * (9 - i);
  sum -= s.charCodeAt(8) - 48;
  return sum % 11 === 0;
}

/** The BSN check digit for eight digits, or null when none exists (the required digit would be 10). */
export function bsnCheckDigit(eight: string): string | null {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (eight.charCodeAt(i) - 48) * (9 - i);
  const d = sum % 11;
  return d <= 9 ? String(d) : null;
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** Spanish DNI check letter for the 8-digit number (NIE: X/Y/Z replaced by 0/1/2 first). */
export function dniLetter(num: string): string {
  return DNI_LETTERS[Number(num) % 23] as string;
}

export function nieLetter(nie: string): string {
  const prefix = { X: '0', Y: '1', Z: '2' }[nie[0] as 'X' | 'Y' | 'Z'];
  return dniLetter(prefix + nie.slice(1));
}

/** US NPI: Luhn over "80840" + the first nine digits gives the tenth. */
export function npiCheckDigit(nine: string): string {
  return luhnCheckDigit('80840' + nine);
}

export function npiValid(npi: string): boolean {
  const s = npi.replace(/[\s-]/g, '');
  return /^[12]\d{9}$/.test(s) && luhnValid('80840' + s);
}

/** ABA routing number: 3-7-1 weights over the nine digits sum to a multiple of 10. */
export function abaValid(rtn: string): boolean {
  const s = rtn.replace(/[\s-]/g, '');
  if (!/^\d{9}$/.test(s)) return false;
  const w = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (s.charCodeAt(i) - 48) * (w[i] as number);
  return sum % 10 === 0;
}

export function abaCheckDigit(eight: string): string {
  for (let d = 0; d <= 9; d++) if (abaValid(eight + d)) return String(d);
  throw new Error('unreachable');
}

/** Valid first two digits of a routing number (Federal Reserve districts, thrifts, electronic). */
export function abaPrefixValid(two: string): boolean {
  const n = Number(two);
  return (n >= 0 && n <= 12) || (n >= 21 && n <= 32) || (n >= 61 && n <= 72) || n === 80;
}

/** UK NINO prefix rules (HMRC): letters D F I Q U V never used; O not second; some pairs never issued. */
export function ninoPrefixValid(prefix: string): boolean {
  const [a, b] = prefix.toUpperCase();
  if (!a || !b || 'DFIQUV'.includes(a) || 'DFIQUVO'.includes(b)) return false;
  return !['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(a + b);
}

/** US SSN structural rules: area not 000, 666 or 9xx; group not 00; serial not 0000. */
export function ssnValid(ssn: string): boolean {
  const s = ssn.replace(/[\s-]/g, '');
  if (!/^\d{9}$/.test(s)) return false;
  const area = s.slice(0, 3);
  return area !== '000' && area !== '666' && area[0] !== '9' && s.slice(3, 5) !== '00' && s.slice(5) !== '0000';
}

// CRC-32 (IEEE 802.3), used by GitHub and npm token checksums.
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(s: string): number {
  let c = 0xffffffff;
  for (let i = 0; i < s.length; i++) c = (CRC_TABLE[(c ^ s.charCodeAt(i)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Base62 of a non-negative integer, left-padded with '0' to `width`. */
export function base62(n: number, width: number): string {
  let s = '';
  let v = n;
  do {
    s = B62[v % 62] + s;
    v = Math.floor(v / 62);
  } while (v > 0);
  return s.padStart(width, '0');
}
