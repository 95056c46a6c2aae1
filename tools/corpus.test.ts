import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TYPES, WHOLE_TEXT_TYPES } from '../shared/detect/types.ts';
import { loadCorpus } from './eval-lib.ts';

// The labelled corpus in test/corpus/: generated files must match their generator byte for byte,
// and every label must describe its text. The checks here are written independently of the
// generator (own Luhn and mod-97), so a generator bug cannot vouch for itself.
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIR = fileURLToPath(new URL('../test/corpus/', import.meta.url));
const files = loadCorpus(DIR);
const byFile = Object.fromEntries(files.map((f) => [f.file, f.cases]));
const all = files.flatMap((f) => f.cases);

function luhn(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let n = Number(d[d.length - 1 - i]);
    if (i % 2) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  return sum % 10 === 0;
}

function mod97(iban: string): boolean {
  const s = iban.replace(/[\s-]/g, '').toUpperCase();
  const moved = s.slice(4) + s.slice(0, 4);
  const digits = moved.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return BigInt(digits) % 97n === 1n;
}

function occurrences(text: string, value: string): number {
  let n = 0;
  for (let i = text.indexOf(value); i !== -1; i = text.indexOf(value, i + value.length)) n++;
  return n;
}

describe('corpus files', () => {
  it('are exactly what the seeded generator produces', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/corpus/generate.ts', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 130_000);

  it('hold the generated and transcribed sets', () => {
    expect(Object.keys(byFile).sort()).toEqual(['generated.jsonl', 'transcribed.jsonl']);
    expect(byFile['generated.jsonl']!.length).toBeGreaterThanOrEqual(1500);
    expect(byFile['transcribed.jsonl']!.length).toBeGreaterThanOrEqual(150);
  });

  it('use unique ids', () => {
    const ids = all.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('label only values that occur in the text, with null exactly for whole-text types', () => {
    const bad: string[] = [];
    for (const c of all) {
      const need = new Map<string, number>();
      for (const e of c.expect ?? []) {
        if (WHOLE_TEXT_TYPES.has(e.type) !== (e.value === null)) bad.push(`${c.id}: ${e.type} value ${JSON.stringify(e.value)}`);
        if (e.value !== null) need.set(e.value, (need.get(e.value) ?? 0) + 1);
        if (e.value === '') bad.push(`${c.id}: empty value`);
      }
      for (const [value, n] of need) if (occurrences(c.text, value) < n) bad.push(`${c.id}: ${JSON.stringify(value)} not found ${n}x`);
    }
    expect(bad).toEqual([]);
  });

  it('have at least 40 positive generated cases for every type', () => {
    const gen = byFile['generated.jsonl']!;
    const thin = BUILTIN_TYPES.filter((t) => gen.filter((c) => (c.expect ?? []).some((e) => e.type === t)).length < 40);
    expect(thin).toEqual([]);
  });

  it('have hard negatives aimed at every type', () => {
    const gen = byFile['generated.jsonl']!;
    const aimed = new Set(gen.filter((c) => c.id.startsWith('gen.neg.')).map((c) => c.id.split('.')[2]));
    expect(BUILTIN_TYPES.filter((t) => !aimed.has(t))).toEqual([]);
  });

  it('label only Luhn-valid card numbers and mod-97-valid IBANs', () => {
    const bad = all.flatMap((c) =>
      (c.expect ?? [])
        .filter((e) => (e.type === 'credit_card' && !luhn(e.value!.replace(/[ -]/g, ''))) || (e.type === 'iban' && !mod97(e.value!)))
        .map((e) => `${c.id}: ${e.value}`),
    );
    expect(bad).toEqual([]);
  });

  it('credit every transcribed case to a source listed in SOURCES.md', () => {
    const sources = readFileSync(`${DIR}SOURCES.md`, 'utf8');
    const missing = new Set<string>();
    for (const c of byFile['transcribed.jsonl']!) {
      const s = (c as { source?: { repo?: string; path?: string; license?: string } }).source;
      if (!s?.repo || !s.path || !s.license) missing.add(`${c.id}: no source`);
      else if (!sources.includes(s.repo) || !sources.includes(s.license)) missing.add(`${s.repo} (${s.license})`);
    }
    expect([...missing]).toEqual([]);
  });
});
