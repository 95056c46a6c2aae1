import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMatrix, renderPaths } from '../coverage/matrix.ts';

/** Cells of a Markdown table, whatever its column padding (prettier aligns the doc's tables). */
function cells(table: string): string[][] {
  return table
    .trim()
    .split('\n')
    .filter((l) => !/^\|[\s|:-]+\|$/.test(l.trim()))
    .map((l) =>
      l
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((c) => c.trim()),
    );
}

function between(doc: string, name: string): string {
  const m = new RegExp(`<!-- ${name}:start -->([\\s\\S]*?)<!-- ${name}:end -->`).exec(doc);
  if (!m?.[1]) throw new Error(`docs/coverage.md has no ${name} markers`);
  return m[1];
}

describe('docs/coverage.md', () => {
  const doc = readFileSync(resolve(import.meta.dirname, '../../docs/coverage.md'), 'utf8');
  it('holds the coverage matrix the adapters and the browser tests give (npm run coverage prints it)', () => {
    expect(cells(between(doc, 'coverage-matrix'))).toEqual(cells(renderMatrix()));
  });
  it('holds the input paths and the site each is tested on', () => {
    expect(cells(between(doc, 'coverage-paths'))).toEqual(cells(renderPaths()));
  });
});
