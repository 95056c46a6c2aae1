import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLASSIFIERS, RECOGNIZERS } from '../../shared/detect/registry.ts';
import { BUILTIN_TYPES } from '../../shared/detect/types.ts';

const ROOT = join(import.meta.dirname, '../..');
const DETECTORS = join(ROOT, 'shared/detect/detectors');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

const all = files(DETECTORS);
const sources = all.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
// Helpers shared by several detectors of a group are not detectors themselves.
const detectorFiles = sources.filter((f) => /export const \w+: (Recognizer|DocumentClassifier)\b/.test(readFileSync(f, 'utf8')));
const registry = readFileSync(join(ROOT, 'shared/detect/registry.ts'), 'utf8');

describe('detector registry', () => {
  it('has a recognizer or classifier for every built-in type', () => {
    const covered = new Set([...RECOGNIZERS, ...CLASSIFIERS].map((r) => r.type));
    expect(BUILTIN_TYPES.filter((t) => !covered.has(t))).toEqual([]);
  });

  it('registers every detector file', () => {
    const unregistered = detectorFiles.map((f) => relative(join(ROOT, 'shared/detect'), f)).filter((rel) => !registry.includes(`./${rel}`));
    expect(unregistered).toEqual([]);
  });

  it('names each detector file after its type', () => {
    const wrong = detectorFiles.filter((f) => {
      const m = /type: '([a-z_]+)'/.exec(readFileSync(f, 'utf8'));
      return !m || !f.endsWith(`/${(m[1] as string).replace(/_/g, '-')}.ts`);
    });
    expect(wrong.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('has a table test beside every detector', () => {
    const untested = detectorFiles.filter((f) => !all.includes(f.replace(/\.ts$/, '.test.ts')));
    expect(untested.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('documents every type in docs/classifier.md', () => {
    const doc = readFileSync(join(ROOT, 'docs/classifier.md'), 'utf8');
    expect(BUILTIN_TYPES.filter((t) => !doc.includes(t))).toEqual([]);
  });
});
