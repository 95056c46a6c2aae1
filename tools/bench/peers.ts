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

  // Warm up each tool once so JIT compilation is not billed to the first case.
  for (const c of cases.slice(0, 50)) {
    scanner.scan(c.text);
    redactor.redact(c.text);
    await lintSource({ source: { content: c.text, filePath: '/corpus.txt', contentType: 'text' }, options: { config: secretlintConfig } });
  }

  // Each case goes through each tool in turn, five times; a tool's time for a case is its median.
  // Taking turns case by case, and medians, keeps other load on the machine from favouring a tool.
  const repeat = 5;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
  const ours: Spans[] = [];
  const sl: Spans[] = [];
  const rpOut: string[] = [];
  let oursMs = 0;
  let slMs = 0;
  let rpMs = 0;
  for (const c of cases) {
    const times: [number[], number[], number[]] = [[], [], []];
    for (let r = 0; r < repeat; r++) {
      let t = performance.now();
      const found = scanner.scan(c.text);
      times[0].push(performance.now() - t);
      if (r === 0) ours.push(found.map((f): [number, number] => [f.start, f.end]));
      t = performance.now();
      const res = await lintSource({
        source: { content: c.text, filePath: '/corpus.txt', contentType: 'text' },
        options: { config: secretlintConfig },
      });
      times[1].push(performance.now() - t);
      if (r === 0) sl.push(res.messages.map((m): [number, number] => [m.range[0], m.range[1]]));
      t = performance.now();
      const out = redactor.redact(c.text);
      times[2].push(performance.now() - t);
      if (r === 0) rpOut.push(out);
    }
    oursMs += median(times[0]);
    slMs += median(times[1]);
    rpMs += median(times[2]);
  }
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
  console.log("(MB/s per case: the sum of each tool's per-case median over 5 turns; small texts, so fixed costs per call weigh)");

  // The same corpus as one text (a large paste): per-call costs vanish, scanning speed shows.
  const whole = cases.map((c) => c.text).join('\n\n');
  const wholeBytes = utf8Bytes(whole);
  const wholeTimes: [number[], number[], number[]] = [[], [], []];
  for (let r = 0; r < 3; r++) {
    let t = performance.now();
    scanner.scan(whole);
    wholeTimes[0].push(performance.now() - t);
    t = performance.now();
    await lintSource({ source: { content: whole, filePath: '/corpus.txt', contentType: 'text' }, options: { config: secretlintConfig } });
    wholeTimes[1].push(performance.now() - t);
    t = performance.now();
    redactor.redact(whole);
    wholeTimes[2].push(performance.now() - t);
  }
  const [wo, ws, wr] = wholeTimes.map((x) => mbps(wholeBytes, median(x))) as [number, number, number];
  console.log(`\nthe corpus as one ${(wholeBytes / 1024).toFixed(0)} KB text (median of 3)`);
  console.log(
    table([
      ['tool', 'MB/s', 'speed ratio'],
      ['daylight', wo, 1],
      ['secretlint 13 (recommend)', ws, wo / ws],
      ['redact-pii 3', wr, wo / wr],
    ]),
  );
}
