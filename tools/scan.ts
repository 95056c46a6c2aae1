/**
 * `npm run -s scan -- FILE|-`             one JSON line per finding
 * `npm run -s scan -- --cases FILE.jsonl` one `{"id","findings"}` line per input line
 *
 * Prints findings at or above the default policy's thresholds. Output goes to stdout only when the
 * whole input is valid; problems go to stderr with a non-zero exit.
 */
import { readFileSync } from 'node:fs';
import { scan } from '../shared/detect/index.ts';
import type { Finding } from '../shared/detect/types.ts';
import { InputError, readCases } from './cases.ts';

const USAGE = 'usage: npm run -s scan -- FILE|-\n       npm run -s scan -- --cases FILE.jsonl';

function out(f: Finding): Finding {
  return { type: f.type, start: f.start, end: f.end, confidence: Math.round(f.confidence * 1000) / 1000 };
}

function main(args: string[]): number {
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args[0] === '--cases') {
    if (args.length !== 2) throw new InputError(`--cases needs exactly one file\n${USAGE}`);
    const cases = readCases(args[1] as string);
    const lines = cases.map((c) => JSON.stringify({ id: c.id, findings: scan(c.text).map(out) }));
    process.stdout.write(lines.length ? `${lines.join('\n')}\n` : '');
    return 0;
  }
  if (args.length !== 1 || (args[0] as string).startsWith('--')) throw new InputError(USAGE);
  const path = args[0] as string;
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const lines = scan(text).map((f) => JSON.stringify(out(f)));
  process.stdout.write(lines.length ? `${lines.join('\n')}\n` : '');
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof InputError) {
    process.stderr.write(`scan: ${e.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`scan: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
