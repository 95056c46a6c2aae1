import { describe, expect, it } from 'vitest';
import { dropRange } from './drop.ts';

/** Drops the single `<...>` span of `marked` (markers removed) and returns the remaining text. */
function dropMarked(marked: string, before = -1): string {
  const start = marked.indexOf('<');
  const end = marked.indexOf('>') - 1;
  const text = marked.replace('<', '').replace('>', '');
  const r = dropRange(text, start, end, 0, text.length, before);
  return text.slice(0, r.start) + text.slice(r.end);
}

describe('dropRange', () => {
  it.each([
    ['call <555-0100> today', 'call today'],
    ['write to <a@b.example>.', 'write to.'],
    ['write to <a@b.example>, then', 'write to, then'],
    ['the key is <AKIA2E7AKF3BZ44CQ7W6>', 'the key is'],
    ['<a@b.example> wrote', 'wrote'],
    ['line\n<a@b.example> wrote', 'line\nwrote'],
    ['x <a@b.example>\ny', 'x\ny'],
    ['tab\t<v>\tend', 'tab\tend'],
    // nothing to tidy
    ['(<a@b.example>)', '()'],
    ['id:<12345>;', 'id:;'],
    ['a <v>b', 'a b'],
    ['a<v> b', 'a b'],
    ['<v>', ''],
  ])('%j -> %j', (marked, expected) => {
    expect(dropMarked(marked)).toBe(expected);
  });

  it('never reaches before the cursor or past the limit', () => {
    // A previous replacement ended at 2 (cursor) and the output ends with a blank: eat the blank after.
    expect(dropRange('a  v  b', 3, 4, 3, 7, 0x20)).toEqual({ start: 3, end: 5 });
    // The blank before belongs to an earlier replacement (start === cursor): not taken back.
    expect(dropRange('a v.', 2, 3, 2, 4, 0x41)).toEqual({ start: 2, end: 3 });
    expect(dropRange('a v.', 2, 3, 2, 4, 0x20)).toEqual({ start: 2, end: 3 });
    expect(dropRange('xv', 1, 2, 1, 2, 0x20)).toEqual({ start: 1, end: 2 });
    // Another replacement follows right away (limit === end): its output is unknown, no tidy.
    expect(dropRange('a v w', 2, 3, 0, 3, -1)).toEqual({ start: 2, end: 3 });
  });
});
