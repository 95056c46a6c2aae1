/**
 * Corpus evaluation: precision, recall and F1 per type, computed the same way for every scanner.
 *
 * Matching is by value, not position: per case and type, the expected values and the substrings the
 * scanner found are two multisets, and TP is their intersection (FP = found - TP, FN = expected -
 * TP). Whole-text types (`value: null`) count one expected and one found per case at most. This is
 * the contract from the detection spec, so numbers stay comparable with other tools' corpora.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CaseLine, readCases } from './cases.ts';

/** A span a scanner reported (same shape as an engine `Finding`). */
export interface Hit {
  type: string;
  start: number;
  end: number;
  confidence: number;
}

export type ScanFn = (text: string) => readonly Hit[];

export interface LabelledCase {
  id: string;
  text: string;
  expect?: readonly { type: string; value: string | null }[] | undefined;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface TypeStats extends Counts {
  type: string;
  /** Cases with at least one expected label of this type. */
  cases: number;
  /** null when nothing was found (precision undefined). */
  precision: number | null;
  /** null when nothing was expected (recall undefined). */
  recall: number | null;
  /** 2TP / (2TP + FP + FN); 1 when there was nothing to find and nothing was found. */
  f1: number;
}

export interface Mistake {
  kind: 'fp' | 'fn';
  caseId: string;
  type: string;
  /** The substring (FP) or expected value (FN); null for whole-text types. */
  value: string | null;
  /** Where it is in the text (-1 when an expected value could not be located, which `checkCase` prevents). */
  start: number;
  end: number;
  /** Confidence of a false positive. */
  confidence?: number;
  /** ±30 characters around the span with the span marked as [[...]], newlines escaped. */
  context: string;
}

export interface Evaluation {
  caseCount: number;
  types: TypeStats[];
  micro: TypeStats;
  mistakes: Mistake[];
  /** Types from `options.types` with no expected label anywhere in the corpus. */
  missingTypes: string[];
  /** Cases with the most mistakes, worst first. */
  worstCases: { id: string; mistakes: number }[];
}

export interface EvaluateOptions {
  /** Types that must be reported even when absent (the built-in type ids). */
  types: readonly string[];
  /** Types labelled with `value: null` that describe the text as a whole. */
  wholeTypes: ReadonlySet<string>;
}

/** F1 from counts; defined as 1 when nothing was expected and nothing found. */
export function f1Of(c: Counts): number {
  const d = 2 * c.tp + c.fp + c.fn;
  return d === 0 ? 1 : (2 * c.tp) / d;
}

function stats(type: string, cases: number, c: Counts): TypeStats {
  return {
    type,
    cases,
    ...c,
    precision: c.tp + c.fp === 0 ? null : c.tp / (c.tp + c.fp),
    recall: c.tp + c.fn === 0 ? null : c.tp / (c.tp + c.fn),
    f1: f1Of(c),
  };
}

/** `text` around [start, end) with the span marked, on one line. */
export function contextOf(text: string, start: number, end: number, radius = 30): string {
  const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  const a = Math.max(0, start - radius);
  const b = Math.min(text.length, end + radius);
  return `${a > 0 ? '…' : ''}${esc(text.slice(a, start))}[[${esc(text.slice(start, end))}]]${esc(text.slice(end, b))}${b < text.length ? '…' : ''}`;
}

/** Compares one case's labels with the scanner's hits; adds counts per type and returns the mistakes. */
export function evaluateCase(c: LabelledCase, hits: readonly Hit[], wholeTypes: ReadonlySet<string>, into: Map<string, Counts>): Mistake[] {
  const mistakes: Mistake[] = [];
  const bump = (type: string, k: keyof Counts) => {
    const cur = into.get(type) ?? { tp: 0, fp: 0, fn: 0 };
    cur[k]++;
    into.set(type, cur);
  };
  const expect = c.expect ?? [];
  const expectedWhole = new Set(expect.filter((e) => wholeTypes.has(e.type)).map((e) => e.type));
  // Remaining expected values per type, as a multiset.
  const remaining = new Map<string, Map<string, number>>();
  for (const e of expect) {
    if (wholeTypes.has(e.type) || e.value === null) continue;
    const m = remaining.get(e.type) ?? new Map<string, number>();
    m.set(e.value, (m.get(e.value) ?? 0) + 1);
    remaining.set(e.type, m);
  }
  const foundWhole = new Map<string, Hit>();
  const spans = [...hits].sort((a, b) => a.start - b.start || a.end - b.end || a.type.localeCompare(b.type));
  const matched: Hit[] = [];
  for (const h of spans) {
    if (wholeTypes.has(h.type)) {
      if (!foundWhole.has(h.type)) foundWhole.set(h.type, h);
      continue;
    }
    const value = c.text.slice(h.start, h.end);
    const left = remaining.get(h.type)?.get(value) ?? 0;
    if (left > 0) {
      remaining.get(h.type)?.set(value, left - 1);
      bump(h.type, 'tp');
      matched.push(h);
    } else {
      bump(h.type, 'fp');
      mistakes.push({
        kind: 'fp',
        caseId: c.id,
        type: h.type,
        value,
        start: h.start,
        end: h.end,
        confidence: h.confidence,
        context: contextOf(c.text, h.start, h.end),
      });
    }
  }
  for (const [type, values] of remaining) {
    for (const [value, n] of values) {
      let from = 0;
      for (let i = 0; i < n; i++) {
        bump(type, 'fn');
        // Prefer an occurrence no matched hit of this type covers, so the context shows the miss.
        let start = c.text.indexOf(value, from);
        while (start !== -1 && matched.some((m) => m.type === type && m.start === start)) start = c.text.indexOf(value, start + 1);
        if (start === -1) start = c.text.indexOf(value);
        from = start === -1 ? from : start + 1;
        const end = start === -1 ? -1 : start + value.length;
        mistakes.push({ kind: 'fn', caseId: c.id, type, value, start, end, context: start === -1 ? '' : contextOf(c.text, start, end) });
      }
    }
  }
  for (const type of new Set([...expectedWhole, ...foundWhole.keys()])) {
    const exp = expectedWhole.has(type);
    const hit = foundWhole.get(type);
    if (exp && hit) bump(type, 'tp');
    else if (hit) {
      bump(type, 'fp');
      mistakes.push({
        kind: 'fp',
        caseId: c.id,
        type,
        value: null,
        start: hit.start,
        end: hit.end,
        confidence: hit.confidence,
        context: contextOf(c.text, 0, 0, 60),
      });
    } else {
      bump(type, 'fn');
      mistakes.push({ kind: 'fn', caseId: c.id, type, value: null, start: 0, end: 0, context: contextOf(c.text, 0, 0, 60) });
    }
  }
  return mistakes;
}

/** Runs `scan` over every case and computes per-type and micro-averaged figures. */
export function evaluate(cases: readonly LabelledCase[], scan: ScanFn, options: EvaluateOptions): Evaluation {
  const counts = new Map<string, Counts>();
  const caseCounts = new Map<string, number>();
  const mistakes: Mistake[] = [];
  const perCase = new Map<string, number>();
  for (const c of cases) {
    for (const type of new Set((c.expect ?? []).map((e) => e.type))) caseCounts.set(type, (caseCounts.get(type) ?? 0) + 1);
    const m = evaluateCase(c, scan(c.text), options.wholeTypes, counts);
    if (m.length) perCase.set(c.id, (perCase.get(c.id) ?? 0) + m.length);
    mistakes.push(...m);
  }
  const order = [
    ...options.types,
    ...[...new Set([...counts.keys(), ...caseCounts.keys()])].filter((t) => !options.types.includes(t)).sort(),
  ];
  const types = order.map((type) => stats(type, caseCounts.get(type) ?? 0, counts.get(type) ?? { tp: 0, fp: 0, fn: 0 }));
  const total = types.reduce((a, s) => ({ tp: a.tp + s.tp, fp: a.fp + s.fp, fn: a.fn + s.fn }), { tp: 0, fp: 0, fn: 0 });
  // Worst first: confident false positives, then misses; stable by case id otherwise.
  mistakes.sort((a, b) => (a.kind === b.kind ? (b.confidence ?? 0) - (a.confidence ?? 0) : a.kind === 'fp' ? -1 : 1));
  return {
    caseCount: cases.length,
    types,
    micro: stats('ALL (micro)', cases.filter((c) => (c.expect ?? []).length > 0).length, total),
    mistakes,
    missingTypes: options.types.filter((t) => !caseCounts.get(t)),
    worstCases: [...perCase]
      .map(([id, n]) => ({ id, mistakes: n }))
      .sort((a, b) => b.mistakes - a.mistakes || a.id.localeCompare(b.id))
      .slice(0, 10),
  };
}

export type Floors = Record<string, number>;

const EPS = 1e-9;

/** Problems that should fail CI: types without cases, missing floors, F1 below its floor. */
export function checkFloors(ev: Evaluation, floors: Floors, required: readonly string[]): string[] {
  const problems: string[] = [];
  for (const t of ev.missingTypes) problems.push(`${t}: no cases in the corpus`);
  for (const type of required) {
    const s = ev.types.find((x) => x.type === type);
    const floor = floors[type];
    if (!s || s.cases === 0) continue;
    if (floor === undefined) problems.push(`${type}: no floor recorded in floors.json (run with --write-floors)`);
    else if (s.f1 + EPS < floor) problems.push(`${type}: F1 ${s.f1.toFixed(3)} is below its floor ${floor.toFixed(2)}`);
  }
  for (const type of Object.keys(floors))
    if (!required.includes(type)) problems.push(`${type}: floors.json names a type that is not a built-in type`);
  return problems;
}

/** Current F1 per type, rounded down to 2 decimals, in `required` order. */
export function floorsFrom(ev: Evaluation, required: readonly string[]): Floors {
  const out: Floors = {};
  for (const type of required) {
    const s = ev.types.find((x) => x.type === type);
    if (s && s.cases > 0) out[type] = Math.floor(s.f1 * 100 + EPS) / 100;
  }
  return out;
}

function pct(x: number | null): string {
  return x === null ? '-' : x.toFixed(3);
}

/** The per-type table with floors and a micro-average row. */
export function formatTable(ev: Evaluation, floors: Floors = {}): string {
  const head = ['type', 'cases', 'TP', 'FP', 'FN', 'precision', 'recall', 'F1', 'floor'];
  const rows = ev.types.map((s) => {
    const floor = floors[s.type];
    const below = floor !== undefined && s.f1 + EPS < floor;
    return [
      s.type,
      String(s.cases),
      String(s.tp),
      String(s.fp),
      String(s.fn),
      pct(s.precision),
      pct(s.recall),
      pct(s.f1),
      floor === undefined ? '-' : floor.toFixed(2) + (below ? ' !' : ''),
    ];
  });
  const m = ev.micro;
  rows.push([m.type, String(m.cases), String(m.tp), String(m.fp), String(m.fn), pct(m.precision), pct(m.recall), pct(m.f1), '']);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  const sep = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(head), sep, ...rows.slice(0, -1).map(line), sep, line(rows[rows.length - 1] as string[])].join('\n');
}

/** Up to `perType` mistakes per type (false positives first, most confident first), then the worst cases. */
export function formatMistakes(ev: Evaluation, perType: number): string {
  const out: string[] = [];
  for (const s of ev.types) {
    const mine = ev.mistakes.filter((m) => m.type === s.type);
    if (!mine.length || perType <= 0) continue;
    const fps = mine.filter((m) => m.kind === 'fp');
    const fns = mine.filter((m) => m.kind === 'fn');
    const nFp = Math.min(fps.length, Math.max(Math.ceil(perType / 2), perType - fns.length));
    const shown = [...fps.slice(0, nFp), ...fns.slice(0, perType - nFp)];
    out.push(`\n${s.type}: ${s.fp} false positive(s), ${s.fn} miss(es)`);
    for (const m of shown) {
      const what = m.value === null ? '(whole text)' : JSON.stringify(m.value.length > 80 ? `${m.value.slice(0, 77)}...` : m.value);
      const conf = m.confidence === undefined ? '' : ` conf=${m.confidence.toFixed(2)}`;
      out.push(`  ${m.kind.toUpperCase()} ${m.caseId}${conf} ${what}\n     ${m.context}`);
    }
  }
  if (ev.worstCases.length) {
    out.push('\nCases with the most mistakes:');
    for (const w of ev.worstCases) out.push(`  ${String(w.mistakes).padStart(3)}  ${w.id}`);
  }
  return out.join('\n');
}

export interface CorpusFile {
  file: string;
  cases: CaseLine[];
}

/** Every `*.jsonl` in `dir`, sorted by name, each line validated (throws InputError listing problems). */
export function loadCorpus(dir: string): CorpusFile[] {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.jsonl'))
    .sort();
  return names.map((n) => ({ file: n, cases: readCases(join(dir, n)) }));
}

/** Reads floors.json; a missing file means no floors. */
export function readFloors(path: string): Floors {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  const parsed: unknown = JSON.parse(raw);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${path}: expected an object {type: minimum F1}`);
  const out: Floors = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (typeof v !== 'number' || v < 0 || v > 1) throw new Error(`${path}: floor for ${k} must be a number in [0, 1]`);
    out[k] = v;
  }
  return out;
}
