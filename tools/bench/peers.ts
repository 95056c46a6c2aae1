import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lintSource } from '@secretlint/core';
import { creator as secretlintRecommend } from '@secretlint/secretlint-rule-preset-recommend';
import { SyncRedactor } from 'redact-pii';
import { builtinScanner } from '../../shared/detect/index.ts';
import { type CaseLine, readCases } from '../cases.ts';
import { mbps, table, utf8Bytes } from './stats.ts';

const CORPUS = 'test/corpus';
const SECRET_TYPES = new Set([
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
]);
const PII_TYPES = new Set([
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
]);

interface Label {
  start: number;
  end: number;
}
type Spans = [number, number][];

function labelsOf(c: CaseLine, types: Set<string>): Label[] {
  const out: Label[] = [];
  for (const e of c.expect ?? []) {
    if (!types.has(e.type) || e.value === null) continue;
    const start = c.text.indexOf(e.value);
    if (start >= 0) out.push({ start, end: start + e.value.length });
  }
  return out;
}

/** A label counts as found by a tool when one of the tool's spans overlaps it (type-agnostic, same rule for everyone). */
function recall(cases: CaseLine[], types: Set<string>, spansPerCase: Spans[]): number {
  let found = 0;
  let total = 0;
  cases.forEach((c, i) => {
    const spans = spansPerCase[i] ?? [];
    for (const l of labelsOf(c, types)) {
      total++;
      if (spans.some(([s, e]) => s < l.end && l.start < e)) found++;
    }
  });
  return total ? found / total : NaN;
}

function loadCorpus(): CaseLine[] {
  if (!existsSync(CORPUS)) return [];
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => readCases(join(CORPUS, f)));
}

/** The corpus through Daylight, secretlint (recommended preset) and redact-pii, in this process. */
export async function benchPeers(): Promise<void> {
  const cases = loadCorpus();
  console.log('\n== Against peers on the labelled corpus (same process, same texts) ==');
  if (cases.length === 0) {
    console.log(`no corpus in ${CORPUS}; skipped`);
    return;
  }
  const bytes = cases.reduce((n, c) => n + utf8Bytes(c.text), 0);
  const scanner = builtinScanner();
  const secretlintConfig = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: secretlintRecommend }] };
  const redactor = new SyncRedactor();

  // Each tool is a function from a case's text to the spans it flags (redact-pii: its output text).
  const lint = (text: string) =>
    lintSource({ source: { content: text, filePath: '/corpus.txt', contentType: 'text' }, options: { config: secretlintConfig } });
  const ours: Spans[] = [];
  const sl: Spans[] = [];
  const rpOut: string[] = [];
  const tools: ((c: CaseLine, i: number, keep: boolean) => Promise<void> | void)[] = [
    (c, i, keep) => {
      const found = scanner.scan(c.text);
      if (keep) ours[i] = found.map((f): [number, number] => [f.start, f.end]);
    },
    async (c, i, keep) => {
      const res = await lint(c.text);
      if (keep) sl[i] = res.messages.map((m): [number, number] => [m.range[0], m.range[1]]);
    },
    (c, i, keep) => {
      const out = redactor.redact(c.text);
      if (keep) rpOut[i] = out;
    },
  ];
  /** One pass of a tool over the corpus, one call per case; answers its time in ms. */
  const pass = async (tool: number, keep = false): Promise<number> => {
    const t = performance.now();
    for (let i = 0; i < cases.length; i++) await tools[tool]!(cases[i]!, i, keep);
    return performance.now() - t;
  };

  // The first pass per tool is cold: what the first pastes after a page load cost (the JIT compiles
  // each tool's code and V8 its regular expressions as they are first used). Its results are kept.
  const cold: number[] = [];
  for (let k = 0; k < tools.length; k++) cold.push(await pass(k, true));
  // Then one more untimed pass each, and five timed rounds in which every tool makes one pass, the
  // order turning each round so no tool always follows the same one; a tool's figure is its
  // median round. Steady state, one call per case: fixed costs per call weigh (small texts).
  for (let k = 0; k < tools.length; k++) await pass(k);
  const rounds: number[][] = tools.map(() => []);
  for (let r = 0; r < 5; r++) {
    for (let j = 0; j < tools.length; j++) {
      const k = (r + j) % tools.length;
      rounds[k]!.push(await pass(k));
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
  const [oursMs, slMs, rpMs] = rounds.map(median) as [number, number, number];
  // redact-pii returns text only: a label counts as found when its value is gone from the output.
  const rp: Spans[] = cases.map((c, i) =>
    labelsOf(c, PII_TYPES).flatMap((l) => (rpOut[i]?.includes(c.text.slice(l.start, l.end)) ? [] : [[l.start, l.end] as [number, number]])),
  );

  const ourMBps = mbps(bytes, oursMs);
  console.log(`${cases.length} cases, ${(bytes / 1024).toFixed(0)} KB`);
  console.log(
    table([
      ['tool', 'MB/s', 'speed ratio', 'secret recall', 'PII recall'],
      ['daylight', ourMBps, 1, recall(cases, SECRET_TYPES, ours), recall(cases, PII_TYPES, ours)],
      ['secretlint 13 (recommend)', mbps(bytes, slMs), ourMBps / mbps(bytes, slMs), recall(cases, SECRET_TYPES, sl), NaN],
      ['redact-pii 3', mbps(bytes, rpMs), ourMBps / mbps(bytes, rpMs), NaN, recall(cases, PII_TYPES, rp)],
    ]),
  );
  console.log('speed ratio = Daylight MB/s / tool MB/s; recall = share of labelled values the tool flags (any type, overlap)');
  console.log("(MB/s per case: one call per case, each tool's median of 5 passes over the corpus after 2 warm-up passes)");
  const [co, cs, cr] = cold.map((ms) => mbps(bytes, ms)) as [number, number, number];
  console.log(`\nthe first pass over the corpus, cold (a page's first pastes): daylight ${co.toFixed(2)} MB/s,`);
  console.log(
    `secretlint ${cs.toFixed(2)} MB/s (ratio ${(co / cs).toFixed(2)}), redact-pii ${cr.toFixed(2)} MB/s (ratio ${(co / cr).toFixed(2)})`,
  );

  // The same corpus as one text (a large paste): per-call costs vanish, scanning speed shows.
  const whole = cases.map((c) => c.text).join('\n\n');
  const wholeBytes = utf8Bytes(whole);
  const wholeTimes: [number[], number[], number[]] = [[], [], []];
  for (let r = 0; r < 5; r++) {
    let t = performance.now();
    scanner.scan(whole);
    wholeTimes[0].push(performance.now() - t);
    t = performance.now();
    await lint(whole);
    wholeTimes[1].push(performance.now() - t);
    t = performance.now();
    redactor.redact(whole);
    wholeTimes[2].push(performance.now() - t);
  }
  const [wo, ws, wr] = wholeTimes.map((x) => mbps(wholeBytes, median(x))) as [number, number, number];
  console.log(`\nthe corpus as one ${(wholeBytes / 1024).toFixed(0)} KB text (median of 5)`);
  console.log(
    table([
      ['tool', 'MB/s', 'speed ratio'],
      ['daylight', wo, 1],
      ['secretlint 13 (recommend)', ws, wo / ws],
      ['redact-pii 3', wr, wo / wr],
    ]),
  );
}
