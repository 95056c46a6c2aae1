/**
 * `npm run eval [-- --errors [N]] [-- --write-floors]`
 *
 * Runs the built-in scanner (default thresholds) over every `test/corpus/*.jsonl`, prints
 * precision / recall / F1 per type, and compares each F1 with `test/corpus/floors.json`.
 * Exit status: 0 when every type has cases and meets its floor, 1 otherwise (each failing type is
 * named on stderr), 2 on bad input or usage.
 *
 *   --errors [N]     also print up to N example mistakes per type (default 5) and the worst cases
 *   --write-floors   record the current F1 per type (rounded down to 2 decimals) as the floors
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scan } from '../shared/detect/index.ts';
import { BUILTIN_TYPES, WHOLE_TEXT_TYPES } from '../shared/detect/types.ts';
import { InputError } from './cases.ts';
import { checkFloors, evaluate, floorsFrom, formatMistakes, formatTable, loadCorpus, readFloors } from './eval-lib.ts';

const CORPUS_DIR = fileURLToPath(new URL('../test/corpus/', import.meta.url));
const FLOORS_FILE = fileURLToPath(new URL('../test/corpus/floors.json', import.meta.url));

const USAGE = 'usage: npm run eval [-- --errors [N]] [-- --write-floors]';

interface Options {
  errors: number;
  writeFloors: boolean;
}

function parseArgs(args: string[]): Options {
  const o: Options = { errors: 0, writeFloors: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--write-floors') o.writeFloors = true;
    else if (a === '--errors' || a.startsWith('--errors=')) {
      const inline = a.startsWith('--errors=') ? a.slice('--errors='.length) : undefined;
      const next = args[i + 1];
      const raw = inline ?? (next !== undefined && /^\d+$/.test(next) ? (i++, next) : '5');
      if (!/^\d+$/.test(raw)) throw new InputError(`--errors needs a number, got ${raw}\n${USAGE}`);
      o.errors = Number(raw);
    } else throw new InputError(`unknown argument ${a}\n${USAGE}`);
  }
  return o;
}

function main(args: string[]): number {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const opts = parseArgs(args);
  const files = loadCorpus(CORPUS_DIR);
  const seen = new Map<string, string>();
  const dupes: string[] = [];
  for (const f of files)
    for (const c of f.cases) {
      const prev = seen.get(c.id);
      if (prev) dupes.push(`duplicate case id ${c.id} in ${prev} and ${f.file}`);
      seen.set(c.id, f.file);
    }
  if (dupes.length) throw new InputError(dupes.slice(0, 20).join('\n'));
  const cases = files.flatMap((f) => f.cases);
  const started = performance.now();
  const ev = evaluate(cases, (text) => scan(text), { types: BUILTIN_TYPES, wholeTypes: WHOLE_TEXT_TYPES });
  const ms = performance.now() - started;

  let floors = readFloors(FLOORS_FILE);
  if (opts.writeFloors) {
    floors = floorsFrom(ev, BUILTIN_TYPES);
    writeFileSync(FLOORS_FILE, `${JSON.stringify(floors, null, 2)}\n`);
  }
  const summary = files.map((f) => `${f.file} (${f.cases.length})`).join(', ');
  process.stdout.write(`Corpus: ${cases.length} cases from ${summary}; scanned in ${ms.toFixed(0)} ms\n\n`);
  process.stdout.write(`${formatTable(ev, floors)}\n`);
  if (opts.errors > 0) process.stdout.write(`${formatMistakes(ev, opts.errors)}\n`);
  if (opts.writeFloors) process.stdout.write(`\nwrote ${FLOORS_FILE}\n`);

  const problems = checkFloors(ev, floors, BUILTIN_TYPES);
  if (problems.length) {
    process.stderr.write(`\neval: ${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    return 1;
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof InputError) {
    process.stderr.write(`eval: ${e.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`eval: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}
