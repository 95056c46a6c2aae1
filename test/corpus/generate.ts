/**
 * Builds the labelled evaluation corpus: `generated.jsonl` (synthetic, seeded) and
 * `transcribed.jsonl` (from other detectors' public test data). Same bytes on every run.
 *
 *   npx tsx test/corpus/generate.ts           # write both files
 *   npx tsx test/corpus/generate.ts --check   # exit 1 when the files on disk differ
 *   npx tsx test/corpus/generate.ts --stdout  # print generated.jsonl
 *
 * Labels follow docs/classifier.md; the rules for what counts are in test/corpus/README.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join as joinPath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  abaValid,
  bsnValid,
  cpfValid,
  dniLetter,
  ibanValid,
  luhnValid,
  nieLetter,
  ninoPrefixValid,
  npiValid,
  ssnValid,
  verhoeffValid,
} from './lib/checksums.ts';
import { Rng } from './lib/prng.ts';
import { codeOnly, sqlWithPassword } from './lib/scenarios-code.ts';
import { markedDocument, markedWithPii, meetingNotes } from './lib/scenarios-docs.ts';
import { lookalikeSoup, NEGATIVES } from './lib/scenarios-neg.ts';
import * as pii from './lib/scenarios-pii.ts';
import * as sec from './lib/scenarios-secrets.ts';
import { nationalIdForm, NATIONAL_ID_TYPES } from './lib/scenarios-forms.ts';
import { type Built, type Expect, L } from './lib/text.ts';
import { transcribedCases } from './lib/transcribed.ts';
import * as v from './lib/values.ts';

/** The seed: change it only on purpose, it rewrites the whole generated corpus. */
export const SEED = 0x0da1_1647;

export const TYPES = [
  'credit_card',
  'iban',
  'us_ssn',
  'email',
  'phone',
  'uk_nino',
  'ca_sin',
  'in_aadhaar',
  'br_cpf',
  'nl_bsn',
  'es_dni',
  'us_npi',
  'aba_routing',
  'aws_access_key',
  'aws_secret_key',
  'github_token',
  'gitlab_token',
  'slack_token',
  'slack_webhook',
  'stripe_key',
  'openai_key',
  'anthropic_key',
  'google_api_key',
  'huggingface_token',
  'npm_token',
  'sendgrid_key',
  'jwt',
  'private_key',
  'connection_string',
  'password',
  'source_code',
  'confidential_marking',
] as const;
const WHOLE = new Set(['source_code', 'confidential_marking']);

export interface CorpusCase {
  id: string;
  text: string;
  expect: Expect[];
  [extra: string]: unknown;
}

type Scenario = [name: string, count: number, make: (rng: Rng, i: number) => Built];

const SCENARIOS: Scenario[] = [
  // Personal and financial data
  ['csv', 70, (r) => pii.csvExport(r)],
  ['chat-pii', 170, (r, i) => (pii.CHAT_PII[i % pii.CHAT_PII.length] as (rng: Rng) => Built)(r)],
  ['ticket', 60, (r) => pii.supportTicket(r)],
  ['email-signature', 70, (r) => pii.emailWithSignature(r)],
  ['hr-record', 50, (r) => pii.hrRecord(r)],
  ['medical', 50, (r) => pii.medicalNote(r)],
  ['invoice', 50, (r) => pii.invoice(r)],
  ['json-pii', 50, (r) => pii.jsonPayload(r)],
  ['log-pii', 40, (r) => pii.piiLog(r)],
  ['id-form', NATIONAL_ID_TYPES.length * 24, (r, i) => nationalIdForm(r, NATIONAL_ID_TYPES[i % NATIONAL_ID_TYPES.length] as string)],
  [
    'test-pan',
    v.TEST_PANS.length,
    (_r, i) => {
      const pan = v.TEST_PANS[i] as string;
      return { text: `Use ${pan} with any future expiry and any CVC to test the checkout.`, expect: [{ type: 'credit_card', value: pan }] };
    },
  ],
  // Credentials
  ['env', 110, (r) => sec.envFile(r)],
  ['yaml', 90, (r) => sec.yamlConfig(r)],
  ['json-config', 55, (r) => sec.jsonConfig(r)],
  ['ini', 60, (r) => sec.iniConfig(r)],
  ['code-secret', 130, (r) => sec.codeWithSecret(r)],
  ['sql-password', 15, (r) => sqlWithPassword(r, L('password', v.password(r).replace(/'/g, 'x')))],
  ['chat-secret', 160, (r) => sec.chatSecret(r)],
  ['log-secret', 45, (r) => sec.secretLog(r)],
  ['stack-trace', 36, (r) => sec.stackTrace(r)],
  ['private-key', 60, (r) => sec.privateKeyPaste(r)],
  ['shell', 50, (r) => sec.shellHistory(r)],
  ['ci', 25, (r) => sec.ciFile(r)],
  // Documents
  ['notes-marked', 50, (r) => meetingNotes(r, true)],
  ['notes-plain', 30, (r) => meetingNotes(r, false)],
  ['marked-doc', 70, (r) => markedDocument(r)],
  ['marked-pii', 20, (r) => markedWithPii(r)],
  ['code', 70, (r) => codeOnly(r)],
];

/** Independent validity checks for labelled values, so a generator bug cannot produce bad positives. */
const VALID: Record<string, (s: string) => boolean> = {
  credit_card: (s) => /^\d[\d -]{11,22}\d$/.test(s) && luhnValid(s.replace(/[ -]/g, '')),
  iban: (s) => ibanValid(s),
  us_ssn: (s) => ssnValid(s.replace(/[.]/g, '')),
  ca_sin: (s) => {
    const d = s.replace(/[ -]/g, '');
    return /^\d{9}$/.test(d) && luhnValid(d) && !'08'.includes(d[0] as string);
  },
  in_aadhaar: (s) => {
    const d = s.replace(/[ -]/g, '');
    return /^[2-9]\d{11}$/.test(d) && verhoeffValid(d);
  },
  br_cpf: cpfValid,
  nl_bsn: bsnValid,
  es_dni: (s) => {
    const c = s.replace(/-/g, '').toUpperCase();
    if (/^\d{8}[A-Z]$/.test(c)) return dniLetter(c.slice(0, 8)) === c[8];
    if (/^[XYZ]\d{7}[A-Z]$/.test(c)) return nieLetter(c.slice(0, 8)) === c[8];
    return false;
  },
  us_npi: npiValid,
  aba_routing: (s) => abaValid(s.replace(/-/g, '')),
  uk_nino: (s) => {
    const c = s.replace(/\s/g, '').toUpperCase();
    return /^[A-Z]{2}\d{6}[A-D]$/.test(c) && ninoPrefixValid(c.slice(0, 2));
  },
};

function countOccurrences(text: string, value: string): number {
  let n = 0;
  for (let i = text.indexOf(value); i !== -1; i = text.indexOf(value, i + value.length)) n++;
  return n;
}

/** Throws when a case's labels do not describe its text. */
export function checkCase(c: CorpusCase): void {
  const counts = new Map<string, number>();
  for (const e of c.expect) {
    if (!(TYPES as readonly string[]).includes(e.type)) throw new Error(`${c.id}: unknown type ${e.type}`);
    if (WHOLE.has(e.type) !== (e.value === null))
      throw new Error(`${c.id}: ${e.type} must ${WHOLE.has(e.type) ? '' : 'not '}have value null`);
    if (e.value === null) continue;
    const key = `${e.type}\u0000${e.value}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const check = VALID[e.type];
    if (check && !check(e.value)) throw new Error(`${c.id}: ${e.type} value fails its check: ${e.value}`);
  }
  for (const [key, n] of counts) {
    const value = key.slice(key.indexOf('\u0000') + 1);
    if (countOccurrences(c.text, value) < n) throw new Error(`${c.id}: label not found ${n}x in text: ${value}`);
  }
}

function toCase(id: string, b: Built): CorpusCase {
  return { id, text: b.text, expect: b.expect };
}

/** The generated cases, in a fixed order. */
export function generatedCases(): CorpusCase[] {
  const rng = new Rng(SEED);
  const out: CorpusCase[] = [];
  const seen = new Set<string>();
  const push = (c: CorpusCase) => {
    if (seen.has(c.text)) return false;
    seen.add(c.text);
    checkCase(c);
    out.push(c);
    return true;
  };
  for (const [name, count, make] of SCENARIOS) {
    let made = 0;
    for (let attempt = 0; made < count && attempt < count * 3; attempt++) {
      if (push(toCase(`gen.${name}.${String(made + 1).padStart(4, '0')}`, make(rng, made)))) made++;
    }
  }
  for (const neg of NEGATIVES) {
    let made = 0;
    for (let attempt = 0; made < neg.count && attempt < neg.count * 4; attempt++) {
      if (push(toCase(`gen.neg.${neg.target}.${neg.kind}.${String(made + 1).padStart(3, '0')}`, neg.make(rng)))) made++;
    }
  }
  for (let i = 0; i < 40; i++) push(toCase(`gen.neg.mixed.lookalikes.${String(i + 1).padStart(3, '0')}`, lookalikeSoup(rng)));
  return out;
}

function toJsonl(cases: readonly CorpusCase[]): string {
  return cases.map((c) => JSON.stringify(c)).join('\n') + '\n';
}

export function generateCorpus(): string {
  return toJsonl(generatedCases());
}

export function transcribedCorpus(): string {
  const cases = transcribedCases().map((c) => {
    checkCase(c as unknown as CorpusCase);
    return { id: c.id, text: c.text, expect: c.expect, source: c.source, ...(c.note ? { note: c.note } : {}) };
  });
  return toJsonl(cases);
}

const HERE = dirname(fileURLToPath(import.meta.url));
export const FILES = { generated: joinPath(HERE, 'generated.jsonl'), transcribed: joinPath(HERE, 'transcribed.jsonl') };

function main(args: string[]): number {
  const outputs: [string, string][] = [
    [FILES.generated, generateCorpus()],
    [FILES.transcribed, transcribedCorpus()],
  ];
  if (args.includes('--stdout')) {
    process.stdout.write(outputs[0]?.[1] ?? '');
    return 0;
  }
  if (args.includes('--check')) {
    let ok = true;
    for (const [path, content] of outputs) {
      let disk = '';
      try {
        disk = readFileSync(path, 'utf8');
      } catch {
        // missing counts as different
      }
      if (disk !== content) {
        process.stderr.write(`${path} is out of date: run npx tsx test/corpus/generate.ts\n`);
        ok = false;
      }
    }
    return ok ? 0 : 1;
  }
  for (const [path, content] of outputs) {
    writeFileSync(path, content);
    process.stdout.write(`wrote ${path} (${content.split('\n').length - 1} cases)\n`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
