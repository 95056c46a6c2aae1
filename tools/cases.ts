import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FindingTypeSchema } from '../shared/detect/schema.ts';

/** One line of a cases file (see docs/classifier.md). Extra fields are allowed and ignored. */
export const CaseLine = z.looseObject({
  id: z.string({ error: '"id" must be a string' }),
  text: z.string({ error: '"text" must be a string' }),
  expect: z
    .array(z.object({ type: FindingTypeSchema, value: z.string().nullable() }), { error: '"expect" must be a list of {type, value}' })
    .optional(),
});
export type CaseLine = z.infer<typeof CaseLine>;

export class InputError extends Error {}

/** Reads a cases file, validating every line; all problems are reported together. */
export function readCases(path: string): CaseLine[] {
  let raw: string;
  try {
    raw = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseCases(raw, path);
}

export function parseCases(raw: string, name: string): CaseLine[] {
  const cases: CaseLine[] = [];
  const problems: string[] = [];
  // A UTF-8 byte order mark (Windows editors add one) is not part of the first line's JSON.
  const lines = (raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw).split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      problems.push(`${name}:${i + 1}: not valid JSON`);
      return;
    }
    const parsed = CaseLine.safeParse(json);
    if (!parsed.success) {
      const what = parsed.error.issues.map((x) => (x.path.length ? `${x.path.join('.')}: ${x.message}` : x.message)).join('; ');
      problems.push(`${name}:${i + 1}: ${what}`);
      return;
    }
    cases.push(parsed.data);
  });
  if (problems.length) {
    const shown = problems.slice(0, 20).join('\n');
    throw new InputError(problems.length > 20 ? `${shown}\n... and ${problems.length - 20} more` : shown);
  }
  return cases;
}
