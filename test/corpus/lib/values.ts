/**
 * Synthetic values for every type, valid ones and deliberately broken look-alikes. Nothing here is
 * a real person's data or a live credential: numbers are random with correct check digits, tokens
 * are random strings in the vendors' published formats.
 */
import {
  abaCheckDigit,
  abaPrefixValid,
  base62,
  bsnCheckDigit,
  cpfCheckDigits,
  crc32,
  dniLetter,
  ibanCheckDigits,
  luhnCheckDigit,
  luhnValid,
  nieLetter,
  ninoPrefixValid,
  npiCheckDigit,
  verhoeffCheckDigit,
  verhoeffValid,
  abaValid,
  bsnValid,
  npiValid,
  cpfValid,
} from './checksums.ts';
import { ALNUM, BASE64, BASE64URL, DIGITS, HEX, LOWER, type Rng, UPPER } from './prng.ts';

// ---------------------------------------------------------------- people, places, companies

export const FIRST = [
  'Maria',
  'James',
  'Aisha',
  'Chen',
  'Lukas',
  'Sofia',
  'Mateo',
  'Priya',
  'Olivia',
  'Noah',
  'Fatima',
  'Hiroshi',
  'Emma',
  'Liam',
  'Ana',
  'João',
  'Ingrid',
  'Pieter',
  'Chloé',
  'Lucía',
  'Arjun',
  'Zoe',
  'Tomás',
  'Amara',
  'Daniel',
  'Yuki',
  'Elena',
  'Omar',
  'Hannah',
  'Ravi',
  'Camille',
  'Jonas',
  'Grace',
  'Kwame',
  'Nina',
  'Pablo',
];
export const LAST = [
  'Garcia',
  'Smith',
  'Okafor',
  'Wang',
  'Müller',
  'Rossi',
  'Fernández',
  'Sharma',
  'Johnson',
  'de Vries',
  'Khan',
  'Tanaka',
  'Dubois',
  'Silva',
  'Nguyen',
  'Kowalski',
  'Andersen',
  'Brown',
  'Patel',
  'Martin',
  'Schmidt',
  'López',
  'Jansen',
  'Costa',
  'Murphy',
  'Ito',
  'Haddad',
  'Novak',
  'Mensah',
  'Walsh',
  'Bakker',
  'Moreau',
  'Iyer',
  'Fischer',
];
export const COMPANIES = [
  'Northwind Traders',
  'Contoso',
  'Globex',
  'Initech',
  'Acme Corp',
  'Umbrella Health',
  'Stark Logistics',
  'Wayne Analytics',
  'Hooli',
  'Vandelay Imports',
  'Soylent Foods',
  'Tyrell Systems',
  'Cyberdyne Labs',
  'Wonka Retail',
];
export const DOMAINS = [
  'example.com',
  'example.org',
  'example.net',
  'northwind-traders.com',
  'contoso.io',
  'globex-corp.com',
  'initech.dev',
  'acme-corp.co.uk',
  'umbrella-health.de',
  'stark-logistics.fr',
  'vandelay.es',
  'mail.example.com',
  'tyrell.nl',
  'hooli.com.br',
  'wonka-retail.in',
  'eu.example.org',
];
export const CITIES = ['Berlin', 'Austin', 'Leeds', 'Toronto', 'Pune', 'São Paulo', 'Utrecht', 'Sevilla', 'Lyon', 'Denver'];
export const HOSTS = [
  'db.internal',
  'prod-db-01.internal',
  'pg.eu-west-1.rds.amazonaws.com',
  'mysql.staging.local',
  '10.0.12.7',
  'cluster0.ab1cd.mongodb.net',
  'redis.cache.internal',
  'rabbitmq.prod.svc.cluster.local',
  'db.example.com',
  'analytics-replica.internal',
  '192.168.1.40',
  'orders-db.c9x2k.us-east-1.rds.amazonaws.com',
];

export function person(rng: Rng): { first: string; last: string; full: string } {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  return { first, last, full: `${first} ${last}` };
}

// ---------------------------------------------------------------- e-mail

function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

export function email(rng: Rng, p?: { first: string; last: string }): string {
  const who = p ?? person(rng);
  const f = asciiFold(who.first);
  const l = asciiFold(who.last);
  const local = rng.pick([
    `${f}.${l}`,
    `${f}${l}`,
    `${f[0]}${l}`,
    `${f}_${l}`,
    `${f}.${l}${rng.int(1, 99)}`,
    `${f}+${rng.pick(['billing', 'ai', 'news', 'test'])}`,
    `${l}.${f[0]}`,
    `${f}-${l}`,
  ]);
  return `${local}@${rng.pick(DOMAINS)}`;
}

export function roleEmail(rng: Rng): string {
  return `${rng.pick(['support', 'billing', 'it-helpdesk', 'security', 'hr', 'payroll', 'ops-alerts', 'noreply'])}@${rng.pick(DOMAINS)}`;
}

// ---------------------------------------------------------------- phone numbers

/** Phone numbers as people write them, per country; fictional ranges where a country has them. */
export function phone(rng: Rng, country?: string): string {
  const c = country ?? rng.pick(['US', 'US', 'UK', 'DE', 'FR', 'ES', 'NL', 'IN', 'BR', 'JP', 'AU', 'CA']);
  const d = (n: number) => rng.digits(n);
  const us = () => {
    const area = rng.pick(['415', '212', '312', '646', '303', '512', '617', '206', '720', '408']);
    const line = `01${d(2)}`;
    return rng.pick([
      `(${area}) 555-${line}`,
      `${area}-555-${line}`,
      `${area}.555.${line}`,
      `+1 ${area} 555 ${line}`,
      `+1 (${area}) 555-${line}`,
      `+1-${area}-555-${line}`,
      `+1${area}555${line}`,
      `1-${area}-555-${line}`,
    ]);
  };
  switch (c) {
    case 'US':
    case 'CA':
      return us();
    case 'UK':
      return rng.pick([
        `+44 20 7946 0${d(3)}`,
        `020 7946 0${d(3)}`,
        `+44 7700 900${d(3)}`,
        `07700 900${d(3)}`,
        `+44 (0)20 7946 0${d(3)}`,
        `+44 113 496 0${d(3)}`,
        `0113 496 0${d(3)}`,
      ]);
    case 'DE':
      return rng.pick([
        `+49 30 ${d(4)} ${d(4)}`,
        `+49 (0)30 ${d(4)} ${d(4)}`,
        `030 ${d(8)}`,
        `+49 151 ${d(8)}`,
        `0151 ${d(4)} ${d(4)}`,
        `+49 89 ${d(3)} ${d(4)}`,
        `+49-40-${d(7)}`,
      ]);
    case 'FR':
      return rng.pick([
        `+33 1 ${d(2)} ${d(2)} ${d(2)} ${d(2)}`,
        `01 ${d(2)} ${d(2)} ${d(2)} ${d(2)}`,
        `+33 6 ${d(2)} ${d(2)} ${d(2)} ${d(2)}`,
        `06 ${d(2)} ${d(2)} ${d(2)} ${d(2)}`,
        `+33 (0)4 ${d(2)} ${d(2)} ${d(2)} ${d(2)}`,
      ]);
    case 'ES':
      return rng.pick([`+34 91 ${d(3)} ${d(2)} ${d(2)}`, `+34 612 ${d(3)} ${d(3)}`, `612 ${d(3)} ${d(3)}`, `91 ${d(3)} ${d(2)} ${d(2)}`]);
    case 'NL':
      return rng.pick([`+31 20 ${d(3)} ${d(4)}`, `06-${d(8)}`, `+31 6 ${d(8)}`, `020-${d(3)} ${d(4)}`, `+31 (0)30 ${d(3)} ${d(4)}`]);
    case 'IN':
      return rng.pick([`+91 98${d(3)} ${d(5)}`, `+91-98${d(8)}`, `098${d(3)} ${d(5)}`, `+91 22 ${d(4)} ${d(4)}`]);
    case 'BR':
      return rng.pick([`+55 11 9${d(4)}-${d(4)}`, `(11) 9${d(4)}-${d(4)}`, `+55 (21) 9${d(4)}-${d(4)}`]);
    case 'JP':
      return rng.pick([`+81 3-${d(4)}-${d(4)}`, `03-${d(4)}-${d(4)}`, `+81 90-${d(4)}-${d(4)}`]);
    case 'AU':
      return rng.pick([`+61 2 ${d(4)} ${d(4)}`, `0412 ${d(3)} ${d(3)}`, `+61 412 ${d(3)} ${d(3)}`, `(02) ${d(4)} ${d(4)}`]);
    default:
      return us();
  }
}

// ---------------------------------------------------------------- payment cards

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'diners' | 'unionpay' | 'maestro';

export function cardDigits(rng: Rng, brand?: CardBrand): string {
  const b =
    brand ??
    rng.pick<CardBrand>(['visa', 'visa', 'visa', 'mastercard', 'mastercard', 'amex', 'discover', 'jcb', 'diners', 'unionpay', 'maestro']);
  let prefix: string;
  let len: number;
  switch (b) {
    case 'visa':
      prefix = '4';
      len = rng.chance(0.1) ? 19 : 16;
      break;
    case 'mastercard':
      prefix = rng.chance(0.7) ? String(rng.int(51, 55)) : String(rng.int(2221, 2720));
      len = 16;
      break;
    case 'amex':
      prefix = rng.pick(['34', '37']);
      len = 15;
      break;
    case 'discover':
      prefix = rng.pick(['6011', '65', '644']);
      len = 16;
      break;
    case 'jcb':
      prefix = String(rng.int(3528, 3589));
      len = 16;
      break;
    case 'diners':
      prefix = rng.pick(['36', '38', '300', '305']);
      len = 14;
      break;
    case 'unionpay':
      prefix = '62';
      len = rng.pick([16, 16, 19]);
      break;
    case 'maestro':
      prefix = rng.pick(['6759', '5018', '5020', '6304']);
      len = rng.pick([16, 19]);
      break;
  }
  const body = prefix + rng.digits(len - prefix.length - 1);
  return body + luhnCheckDigit(body);
}

/** Groups card digits the way they are usually written for their length. */
export function formatCard(rng: Rng, digits: string, style?: 'compact' | 'space' | 'dash'): string {
  const s = style ?? rng.pick(['compact', 'space', 'space', 'dash'] as const);
  if (s === 'compact') return digits;
  const sep = s === 'space' ? ' ' : '-';
  let groups: number[];
  if (digits.length === 15) groups = [4, 6, 5];
  else if (digits.length === 14) groups = [4, 6, 4];
  else if (digits.length === 19) groups = [4, 4, 4, 4, 3];
  else if (digits.length === 17) groups = [4, 4, 4, 5];
  else if (digits.length === 18) groups = [4, 4, 4, 6];
  else groups = [4, 4, 4, 4];
  const out: string[] = [];
  let i = 0;
  for (const g of groups) {
    out.push(digits.slice(i, i + g));
    i += g;
  }
  return out.join(sep);
}

export function card(rng: Rng, brand?: CardBrand): string {
  return formatCard(rng, cardDigits(rng, brand));
}

/** Well-known test PANs from card networks' and processors' documentation (Luhn-valid). */
export const TEST_PANS = [
  '4111 1111 1111 1111',
  '4242 4242 4242 4242',
  '5555 5555 5555 4444',
  '4012888888881881',
  '378282246310005',
  '6011 1111 1111 1117',
  '5105-1051-0510-5100',
  '3530111333300000',
];

/** A card-shaped number whose Luhn check fails. */
export function badLuhnCard(rng: Rng): string {
  const good = cardDigits(rng);
  const last = Number(good[good.length - 1]);
  const bad = good.slice(0, -1) + String((last + rng.int(1, 9)) % 10);
  if (luhnValid(bad)) throw new Error('bad card still valid');
  return formatCard(rng, bad);
}

// ---------------------------------------------------------------- IBAN

const IBAN_FORMATS: Record<string, (rng: Rng) => string> = {
  DE: (r) => r.digits(18),
  GB: (r) => r.str(UPPER, 4) + r.digits(14),
  FR: (r) => r.digits(10) + r.str(UPPER + DIGITS, 11) + r.digits(2),
  NL: (r) => r.str(UPPER, 4) + r.digits(10),
  ES: (r) => r.digits(20),
  IT: (r) => r.str(UPPER, 1) + r.digits(10) + r.str(UPPER + DIGITS, 12),
  BE: (r) => r.digits(12),
  CH: (r) => r.digits(5) + r.str(UPPER + DIGITS, 12),
  AT: (r) => r.digits(16),
  PL: (r) => r.digits(24),
  SE: (r) => r.digits(20),
  IE: (r) => r.str(UPPER, 4) + r.digits(14),
  PT: (r) => r.digits(21),
  FI: (r) => r.digits(14),
  DK: (r) => r.digits(14),
  LU: (r) => r.digits(3) + r.str(UPPER + DIGITS, 13),
  NO: (r) => r.digits(11),
};

export function ibanCompact(rng: Rng, country?: string): string {
  const c = country ?? rng.pick(Object.keys(IBAN_FORMATS));
  const bban = (IBAN_FORMATS[c] as (r: Rng) => string)(rng);
  return c + ibanCheckDigits(c, bban) + bban;
}

export function groupIban(compact: string): string {
  return compact.replace(/(.{4})(?=.)/g, '$1 ');
}

export function iban(rng: Rng, country?: string): string {
  const c = ibanCompact(rng, country);
  return rng.chance(0.55) ? groupIban(c) : c;
}

/** An IBAN-shaped string whose mod-97 check fails. */
export function badIban(rng: Rng, country?: string): string {
  const c = ibanCompact(rng, country);
  const check = Number(c.slice(2, 4));
  const wrong = String(((check + rng.int(1, 90) - 2) % 97) + 2).padStart(2, '0');
  const bad = c.slice(0, 2) + (wrong === c.slice(2, 4) ? String((check % 90) + 3).padStart(2, '0') : wrong) + c.slice(4);
  return rng.chance(0.5) ? groupIban(bad) : bad;
}

// ---------------------------------------------------------------- national identifiers

export function ssn(rng: Rng, sep?: '-' | ' ' | ''): string {
  let area: number;
  do area = rng.int(1, 899);
  while (area === 666);
  const group = rng.int(1, 99);
  const serial = rng.int(1, 9999);
  const s = sep ?? rng.pick(['-', '-', '-', ' ', ''] as const);
  return [String(area).padStart(3, '0'), String(group).padStart(2, '0'), String(serial).padStart(4, '0')].join(s);
}

/** SSN-shaped numbers that can never be issued. */
export function badSsn(rng: Rng): string {
  const kind = rng.int(0, 4);
  const area = ['000', '666', String(rng.int(900, 999))][Math.min(kind, 2)] as string;
  const a = kind <= 2 ? area : String(rng.int(1, 665)).padStart(3, '0');
  const g = kind === 3 ? '00' : String(rng.int(1, 99)).padStart(2, '0');
  const s = kind === 4 ? '0000' : String(rng.int(1, 9999)).padStart(4, '0');
  return `${a}-${g}-${s}`;
}

export function ninoPrefix(rng: Rng): string {
  let p: string;
  do p = rng.str(UPPER, 2);
  while (!ninoPrefixValid(p));
  return p;
}

export function nino(rng: Rng): string {
  const p = ninoPrefix(rng);
  const d = rng.digits(6);
  const suffix = rng.pick(['A', 'B', 'C', 'D']);
  return rng.chance(0.5) ? `${p} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${suffix}` : `${p}${d}${suffix}`;
}

export function badNino(rng: Rng): string {
  const p = rng.pick(['DA', 'FQ', 'QQ', 'UV', 'BG', 'GB', 'NK', 'TN', 'ZZ', 'AO', 'IV', 'VD']);
  const d = rng.digits(6);
  return rng.chance(0.5)
    ? `${p} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${rng.pick(['A', 'B', 'C', 'D'])}`
    : `${p}${d}${rng.pick(['A', 'C'])}`;
}

export function sinDigits(rng: Rng): string {
  const body = String(rng.pick([1, 2, 3, 4, 5, 6, 7, 9])) + rng.digits(7);
  return body + luhnCheckDigit(body);
}

export function sin(rng: Rng): string {
  const s = sinDigits(rng);
  const sep = rng.pick([' ', '-', '-', '']);
  return sep ? `${s.slice(0, 3)}${sep}${s.slice(3, 6)}${sep}${s.slice(6)}` : s;
}

export function badSin(rng: Rng): string {
  const good = sinDigits(rng);
  const bad = rng.chance(0.5)
    ? good.slice(0, 8) + String((Number(good[8]) + rng.int(1, 9)) % 10)
    : (() => {
        // First digit 0 or 8 is never assigned; keep the Luhn check valid so only that rule rejects it.
        const body = rng.pick(['0', '8']) + rng.digits(7);
        return body + luhnCheckDigit(body);
      })();
  return `${bad.slice(0, 3)} ${bad.slice(3, 6)} ${bad.slice(6)}`;
}

export function aadhaarDigits(rng: Rng): string {
  let body: string;
  let full: string;
  do {
    body = String(rng.int(2, 9)) + rng.digits(10);
    full = body + verhoeffCheckDigit(body);
  } while (full === [...full].reverse().join(''));
  return full;
}

export function aadhaar(rng: Rng): string {
  const a = aadhaarDigits(rng);
  return rng.pick([
    `${a.slice(0, 4)} ${a.slice(4, 8)} ${a.slice(8)}`,
    `${a.slice(0, 4)} ${a.slice(4, 8)} ${a.slice(8)}`,
    a,
    `${a.slice(0, 4)}-${a.slice(4, 8)}-${a.slice(8)}`,
  ]);
}

export function badAadhaar(rng: Rng): string {
  let s: string;
  if (rng.chance(0.5)) {
    const a = aadhaarDigits(rng);
    s = a.slice(0, 11) + String((Number(a[11]) + rng.int(1, 9)) % 10);
    if (verhoeffValid(s)) s = a.slice(0, 11) + String((Number(a[11]) + 5) % 10);
  } else {
    const body = rng.pick(['0', '1']) + rng.digits(10);
    s = body + verhoeffCheckDigit(body);
  }
  return `${s.slice(0, 4)} ${s.slice(4, 8)} ${s.slice(8)}`;
}

export function cpfDigits(rng: Rng): string {
  let nine: string;
  do nine = rng.digits(9);
  while (/^(\d)\1{8}$/.test(nine));
  return nine + cpfCheckDigits(nine);
}

export function cpf(rng: Rng): string {
  const c = cpfDigits(rng);
  return rng.chance(0.75) ? `${c.slice(0, 3)}.${c.slice(3, 6)}.${c.slice(6, 9)}-${c.slice(9)}` : c;
}

export function badCpf(rng: Rng): string {
  if (rng.chance(0.3)) {
    const d = rng.digits(1);
    const s = d.repeat(11);
    return `${s.slice(0, 3)}.${s.slice(3, 6)}.${s.slice(6, 9)}-${s.slice(9)}`;
  }
  const c = cpfDigits(rng);
  let bad = c.slice(0, 10) + String((Number(c[10]) + rng.int(1, 9)) % 10);
  if (cpfValid(bad)) bad = c.slice(0, 9) + String((Number(c[9]) + 1) % 10) + c[10];
  return `${bad.slice(0, 3)}.${bad.slice(3, 6)}.${bad.slice(6, 9)}-${bad.slice(9)}`;
}

export function bsnDigits(rng: Rng): string {
  for (;;) {
    const eight = String(rng.int(1, 6)) + rng.digits(7);
    const d = bsnCheckDigit(eight);
    if (d !== null) return eight + d;
  }
}

export function bsn(rng: Rng): string {
  const b = bsnDigits(rng);
  return rng.pick([b, b, `${b.slice(0, 4)}.${b.slice(4, 6)}.${b.slice(6)}`, `${b.slice(0, 3)} ${b.slice(3, 6)} ${b.slice(6)}`]);
}

export function badBsn(rng: Rng): string {
  for (;;) {
    const s = String(rng.int(1, 6)) + rng.digits(8);
    if (!bsnValid(s)) return s;
  }
}

export function dni(rng: Rng): string {
  if (rng.chance(0.3)) {
    const p = rng.pick(['X', 'Y', 'Z']);
    const nie = p + rng.digits(7);
    const l = nieLetter(nie);
    return rng.chance(0.8) ? nie + l : `${p}-${nie.slice(1)}-${l}`;
  }
  const n = rng.digits(8);
  const l = dniLetter(n);
  return rng.chance(0.75) ? n + l : `${n}-${l}`;
}

export function badDni(rng: Rng): string {
  const n = rng.digits(8);
  const right = dniLetter(n);
  let l: string;
  do l = rng.pick([...'TRWAGMYFPDXBNJZSQVHLCKE']);
  while (l === right);
  return n + l;
}

export function npi(rng: Rng): string {
  const nine = String(rng.int(1, 2)) + rng.digits(8);
  const n = nine + npiCheckDigit(nine);
  // NPPES and claims print NPIs as ten plain digits.
  return n;
}

export function badNpi(rng: Rng): string {
  for (;;) {
    const s = String(rng.int(1, 2)) + rng.digits(9);
    if (!npiValid(s)) return s;
  }
}

export function abaDigits(rng: Rng): string {
  let two: string;
  do two = rng.digits(2);
  while (!abaPrefixValid(two));
  const eight = two + rng.digits(6);
  return eight + abaCheckDigit(eight);
}

export function aba(rng: Rng): string {
  return abaDigits(rng);
}

export function badAba(rng: Rng): string {
  const good = abaDigits(rng);
  const bad = good.slice(0, 8) + String((Number(good[8]) + rng.int(1, 9)) % 10);
  if (abaValid(bad)) throw new Error('bad aba still valid');
  return bad;
}

/** A bank account number (not a type of its own; appears next to routing numbers). */
export function accountNumber(rng: Rng): string {
  return rng.digits(rng.int(8, 12));
}

// ---------------------------------------------------------------- secrets

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function awsAccessKey(rng: Rng): string {
  return (rng.chance(0.8) ? 'AKIA' : 'ASIA') + rng.str(B32, 16);
}

export function awsSecretKey(rng: Rng): string {
  for (;;) {
    const s = rng.str(BASE64, 40);
    // Real secrets are random base64; make sure ours is not accidentally all letters or digits.
    if (/[0-9]/.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s)) return s;
  }
}

function ghChecksummed(rng: Rng, prefix: string): string {
  const random = rng.str(ALNUM, 30);
  return prefix + random + base62(crc32(random), 6);
}

export function githubToken(rng: Rng): string {
  if (rng.chance(0.25)) return `github_pat_11${rng.str(UPPER + DIGITS, 20)}_${rng.str(ALNUM, 59)}`;
  return ghChecksummed(rng, rng.pick(['ghp_', 'ghp_', 'ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_']));
}

export function gitlabToken(rng: Rng): string {
  const k = rng.int(0, 9);
  if (k <= 5) return 'glpat-' + rng.str(ALNUM + '-_', 19) + rng.str(ALNUM, 1);
  if (k === 6) return 'gldt-' + rng.str(ALNUM, 20);
  if (k === 7) return 'glrt-' + rng.str(ALNUM, 20);
  if (k === 8) return 'glptt-' + rng.str(HEX, 40);
  return 'GR1348941' + rng.str(ALNUM, 20);
}

export function slackToken(rng: Rng): string {
  const k = rng.int(0, 6);
  if (k <= 2) return `xoxb-${rng.digits(rng.int(10, 13))}-${rng.digits(rng.int(10, 13))}-${rng.str(ALNUM, 24)}`;
  if (k <= 4) return `xoxp-${rng.digits(rng.int(10, 13))}-${rng.digits(rng.int(10, 13))}-${rng.digits(13)}-${rng.str(HEX, 32)}`;
  if (k === 5) return `xoxa-2-${rng.digits(12)}-${rng.digits(13)}-${rng.digits(13)}-${rng.str(HEX, 32)}`;
  return `xoxe.xoxp-1-${rng.str(ALNUM, 163)}`;
}

export function slackWebhook(rng: Rng): string {
  return `https://hooks.slack.com/services/T${rng.str(UPPER + DIGITS, rng.int(8, 10))}/B${rng.str(UPPER + DIGITS, rng.int(8, 10))}/${rng.str(ALNUM, 24)}`;
}

export function stripeKey(rng: Rng): string {
  const prefix = rng.pick(['sk_live_', 'sk_live_', 'sk_live_', 'rk_live_', 'sk_test_']);
  const body = rng.chance(0.6) ? '51' + rng.str(ALNUM, 97) : rng.str(ALNUM, rng.int(24, 34));
  return prefix + body;
}

export function openaiKey(rng: Rng): string {
  const k = rng.int(0, 5);
  if (k <= 1) return `sk-${rng.str(ALNUM, 20)}T3BlbkFJ${rng.str(ALNUM, 20)}`;
  const prefix = k <= 3 ? 'sk-proj-' : k === 4 ? 'sk-svcacct-' : 'sk-admin-';
  const n = rng.chance(0.5) ? 74 : 58;
  return `${prefix}${rng.str(BASE64URL, n)}T3BlbkFJ${rng.str(BASE64URL, n)}`;
}

export function anthropicKey(rng: Rng): string {
  const kind = rng.chance(0.85) ? 'api03' : 'admin01';
  return `sk-ant-${kind}-${rng.str(BASE64URL, 93)}AA`;
}

export function googleApiKey(rng: Rng): string {
  return 'AIzaSy' + rng.str(ALNUM + '-_', 33);
}

export function huggingfaceToken(rng: Rng): string {
  return 'hf_' + rng.str(UPPER + LOWER, 34);
}

export function npmToken(rng: Rng): string {
  return ghChecksummed(rng, 'npm_');
}

export function sendgridKey(rng: Rng): string {
  return `SG.${rng.str(BASE64URL, 22)}.${rng.str(BASE64URL, 43)}`;
}

function b64url(s: string | Uint8Array): string {
  return Buffer.from(s).toString('base64url');
}

export function jwt(rng: Rng, claims?: Record<string, unknown>): string {
  const alg = rng.pick(['HS256', 'HS256', 'RS256', 'ES256', 'HS512']);
  const header: Record<string, unknown> = rng.chance(0.7) ? { alg, typ: 'JWT' } : { typ: 'JWT', alg, kid: rng.str(HEX, 16) };
  const iat = 1700000000 + rng.int(0, 60_000_000);
  const who = person(rng);
  const payload: Record<string, unknown> = claims ?? {
    sub: rng.chance(0.5)
      ? String(rng.int(1000, 999999))
      : `${rng.str(HEX, 8)}-${rng.str(HEX, 4)}-4${rng.str(HEX, 3)}-${rng.str(HEX, 4)}-${rng.str(HEX, 12)}`,
    ...(rng.chance(0.5) ? { name: who.full } : {}),
    ...(rng.chance(0.4) ? { role: rng.pick(['admin', 'user', 'service', 'billing']) } : {}),
    ...(rng.chance(0.5) ? { iss: `https://auth.${rng.pick(DOMAINS)}/` } : {}),
    iat,
    exp: iat + rng.pick([900, 3600, 86400]),
  };
  const sigLen = alg === 'RS256' ? 256 : alg === 'ES256' ? 64 : alg === 'HS512' ? 64 : 32;
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${b64url(rng.bytes(sigLen))}`;
}

function wrap(b64: string, width: number): string {
  return b64.replace(new RegExp(`(.{${width}})(?=.)`, 'g'), '$1\n');
}

function der(prefix: number[], rng: Rng, n: number): string {
  return Buffer.concat([Buffer.from(prefix), Buffer.from(rng.bytes(n))]).toString('base64');
}

export type PemKind = 'rsa' | 'pkcs8' | 'ec' | 'openssh' | 'encrypted' | 'dsa' | 'rsa-proc';

/** A PEM or OpenSSH private key block with a plausible (random) body. */
export function privateKey(rng: Rng, kind?: PemKind, newline = '\n'): string {
  const k = kind ?? rng.pick<PemKind>(['rsa', 'rsa', 'pkcs8', 'pkcs8', 'ec', 'openssh', 'openssh', 'encrypted', 'dsa', 'rsa-proc']);
  let label: string;
  let body: string;
  let headers = '';
  switch (k) {
    case 'rsa':
    case 'rsa-proc':
      label = 'RSA PRIVATE KEY';
      body = wrap(der([0x30, 0x82, 0x04, 0xa4, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00], rng, 1180), 64);
      if (k === 'rsa-proc')
        headers = `Proc-Type: 4,ENCRYPTED${newline}DEK-Info: AES-128-CBC,${rng.str('0123456789ABCDEF', 32)}${newline}${newline}`;
      break;
    case 'pkcs8':
      label = 'PRIVATE KEY';
      body = wrap(
        der(
          [
            0x30, 0x82, 0x04, 0xbe, 0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05,
            0x00, 0x04, 0x82, 0x04, 0xa8,
          ],
          rng,
          1190,
        ),
        64,
      );
      break;
    case 'ec':
      label = 'EC PRIVATE KEY';
      body = wrap(der([0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20], rng, 114), 64);
      break;
    case 'dsa':
      label = 'DSA PRIVATE KEY';
      body = wrap(der([0x30, 0x82, 0x01, 0xbb, 0x02, 0x01, 0x00, 0x02, 0x81, 0x81, 0x00], rng, 430), 64);
      break;
    case 'encrypted':
      label = 'ENCRYPTED PRIVATE KEY';
      body = wrap(
        der([0x30, 0x82, 0x05, 0x1c, 0x30, 0x4e, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d], rng, 1300),
        64,
      );
      break;
    case 'openssh': {
      label = 'OPENSSH PRIVATE KEY';
      const magic = Buffer.concat([
        Buffer.from('openssh-key-v1\0', 'latin1'),
        Buffer.from([0, 0, 0, 4]),
        Buffer.from('none'),
        Buffer.from([0, 0, 0, 4]),
        Buffer.from('none'),
        Buffer.from([0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0x33]),
        Buffer.from([0, 0, 0, 0x0b]),
        Buffer.from('ssh-ed25519'),
        Buffer.from(rng.bytes(340)),
      ]);
      body = wrap(magic.toString('base64'), 70);
      break;
    }
  }
  const b = body.split('\n').join(newline);
  return `-----BEGIN ${label}-----${newline}${headers}${b}${newline}-----END ${label}-----`;
}

export function publicKeyPem(rng: Rng): string {
  const body = wrap(
    der(
      [
        0x30, 0x82, 0x01, 0x22, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00, 0x03, 0x82, 0x01,
        0x0f, 0x00,
      ],
      rng,
      270,
    ),
    64,
  );
  return `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----`;
}

export function certificatePem(rng: Rng): string {
  const body = wrap(der([0x30, 0x82, 0x03, 0x5d, 0x30, 0x82, 0x02, 0x45, 0xa0, 0x03, 0x02, 0x01, 0x02, 0x02, 0x09, 0x00], rng, 840), 64);
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`;
}

export function sshPublicKey(rng: Rng): string {
  const blob = Buffer.concat([
    Buffer.from([0, 0, 0, 0x0b]),
    Buffer.from('ssh-ed25519'),
    Buffer.from([0, 0, 0, 0x20]),
    Buffer.from(rng.bytes(32)),
  ]);
  const who = person(rng);
  return `ssh-ed25519 ${blob.toString('base64')} ${asciiFold(who.first)}@${rng.pick(['laptop', 'build-01', 'workstation'])}`;
}

/** A password of the kind people really use, from memorable to random. */
export function password(rng: Rng): string {
  const words = [
    'Summer',
    'Winter',
    'Dragon',
    'Monkey',
    'Falcon',
    'Coffee',
    'Banana',
    'Tiger',
    'Rocket',
    'Pepper',
    'Zebra',
    'Galaxy',
    'Maple',
    'Orion',
    'Sunset',
    'Harbor',
  ];
  const syms = '!@#$%&*?';
  const k = rng.int(0, 5);
  if (k === 0) return `${rng.pick(words)}${rng.int(2015, 2026)}${rng.pick([...syms])}`;
  if (k === 1) return `${rng.pick(words)}${rng.pick([...syms])}${rng.pick(words)}${rng.int(1, 99)}`;
  if (k === 2) return rng.str(ALNUM, rng.int(12, 20));
  if (k === 3) return rng.str(ALNUM + '!#%&*+-=?^_', rng.int(14, 24));
  if (k === 4)
    return `${rng.pick(words).toLowerCase()}-${rng.pick(words).toLowerCase()}-${rng.pick(words).toLowerCase()}-${rng.int(10, 99)}`;
  return `${rng.str(UPPER, 1)}${rng.str(LOWER, rng.int(4, 7))}${rng.digits(rng.int(2, 4))}${rng.pick([...syms])}${rng.str(ALNUM, 3)}`;
}

/** A password safe to put inside a URI's userinfo (no ':', '@', '/', '?', '#'). */
export function uriPassword(rng: Rng): string {
  return rng.chance(0.5) ? rng.str(ALNUM, rng.int(12, 24)) : rng.str(ALNUM + '-_.~!$*', rng.int(12, 24)).replace(/^[-_.~]/, 'x');
}

export function dbUser(rng: Rng): string {
  return rng.pick(['app', 'admin', 'postgres', 'root', 'svc_orders', 'reporting', 'etl_user', 'webapp', 'readonly', 'sa', 'api']);
}

export function dbName(rng: Rng): string {
  return rng.pick(['orders', 'app_prod', 'customers', 'analytics', 'billing', 'inventory', 'crm', 'warehouse', 'auth']);
}

/** A URI with an inline password. */
export function connectionUri(rng: Rng): string {
  const u = dbUser(rng);
  const p = uriPassword(rng);
  const h = rng.pick(HOSTS);
  const db = dbName(rng);
  switch (rng.int(0, 9)) {
    case 0:
    case 1:
      return `postgres://${u}:${p}@${h}:5432/${db}`;
    case 2:
      return `postgresql://${u}:${p}@${h}:5432/${db}?sslmode=require`;
    case 3:
      return `mysql://${u}:${p}@${h}:3306/${db}`;
    case 4:
      return `mongodb+srv://${u}:${p}@cluster0.${rng.str(LOWER + DIGITS, 5)}.mongodb.net/${db}?retryWrites=true&w=majority`;
    case 5:
      return `mongodb://${u}:${p}@${h}:27017/${db}?authSource=admin`;
    case 6:
      return `redis://:${p}@${h}:6379/0`;
    case 7:
      return `rediss://default:${p}@${h}:6380`;
    case 8:
      return `amqp://${u}:${p}@${h}:5672/${rng.pick(['%2F', 'prod', 'orders'])}`;
    default:
      return `jdbc:postgresql://${h}:5432/${db}?user=${u}&password=${p}`;
  }
}

/** An ADO.NET / ODBC style connection string with a password. */
export function adoString(rng: Rng): string {
  const p = password(rng).replace(/[;'"=]/g, 'x');
  const server = rng.pick(['tcp:sql-prod.database.windows.net,1433', 'SQLPROD01\\MSSQL', 'db.internal', '10.0.3.15,1433']);
  const db = dbName(rng);
  const u = dbUser(rng);
  return rng.pick([
    `Server=${server};Database=${db};User Id=${u};Password=${p};`,
    `Server=${server};Initial Catalog=${db};Persist Security Info=False;User ID=${u};Password=${p};Encrypt=True;TrustServerCertificate=False;Connection Timeout=30;`,
    `Data Source=${server};Initial Catalog=${db};User ID=${u};Password=${p}`,
    `Driver={ODBC Driver 18 for SQL Server};Server=${server};Database=${db};Uid=${u};Pwd=${p};`,
  ]);
}

// ---------------------------------------------------------------- look-alikes (never labelled)

export function gitSha(rng: Rng): string {
  return rng.str(HEX, 40);
}
export function shortSha(rng: Rng): string {
  return rng.str(HEX, 7);
}
export function uuid(rng: Rng): string {
  return `${rng.str(HEX, 8)}-${rng.str(HEX, 4)}-4${rng.str(HEX, 3)}-${rng.pick(['8', '9', 'a', 'b'])}${rng.str(HEX, 3)}-${rng.str(HEX, 12)}`;
}
export function md5(rng: Rng): string {
  return rng.str(HEX, 32);
}
export function sha256(rng: Rng): string {
  return rng.str(HEX, 64);
}
export function semver(rng: Rng): string {
  return `${rng.int(0, 12)}.${rng.int(0, 40)}.${rng.int(0, 30)}${rng.chance(0.2) ? `-${rng.pick(['rc.1', 'beta.2', 'alpha'])}` : ''}`;
}
export function ipv4(rng: Rng): string {
  return rng.pick([
    `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    `192.168.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    `172.${rng.int(16, 31)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    `203.0.113.${rng.int(1, 254)}`,
    `198.51.100.${rng.int(1, 254)}`,
  ]);
}
export function isoDate(rng: Rng): string {
  return `20${rng.int(18, 26)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
}
export function time(rng: Rng): string {
  return `${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`;
}
export function timestamp(rng: Rng): string {
  return `${isoDate(rng)}T${time(rng)}.${rng.digits(3)}Z`;
}
/** UPS 1Z tracking number (18 characters). */
export function upsTracking(rng: Rng): string {
  return `1Z${rng.str(UPPER + DIGITS, 6)}${rng.digits(10)}`;
}
/** FedEx 12 or 15 digit tracking number; the 15-digit ones are made Luhn-valid on purpose. */
export function fedexTracking(rng: Rng): string {
  if (rng.chance(0.5)) return rng.digits(12);
  const body = String(rng.int(1, 9)) + rng.digits(13);
  return body + luhnCheckDigit(body);
}
export function uspsTracking(rng: Rng): string {
  return rng.pick(['9400', '9205', '9361', '9470']) + rng.digits(rng.int(16, 18));
}
export function isbn13(rng: Rng): string {
  const body = rng.pick(['978', '979']) + rng.digits(9);
  let s = 0;
  for (let i = 0; i < 12; i++) s += (body.charCodeAt(i) - 48) * (i % 2 ? 3 : 1);
  const check = (10 - (s % 10)) % 10;
  return `${body.slice(0, 3)}-${body.slice(3, 4)}-${body.slice(4, 8)}-${body.slice(8, 12)}-${check}`;
}
export function orderNumber(rng: Rng): string {
  return rng.pick([
    `ORD-${rng.digits(8)}`,
    `#${rng.digits(6)}`,
    `${rng.digits(3)}-${rng.digits(7)}-${rng.digits(7)}`,
    `PO${rng.digits(10)}`,
    `INV-${isoDate(rng).slice(0, 4)}-${rng.digits(5)}`,
  ]);
}
/** A random 40-character base64-ish string with no AWS context around it. */
export function random40(rng: Rng): string {
  return rng.str(BASE64, 40);
}
export const DIGIT_CHARS = DIGITS;
