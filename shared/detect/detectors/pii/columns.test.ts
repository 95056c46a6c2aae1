import { describe, expect, it } from 'vitest';
import { columnHeaderMatches } from './columns.ts';

const SSN = /\bssn\b/gi;

/** Runs `columnHeaderMatches` on the (first) occurrence of `value` in `text`. */
function under(text: string, value: string, words = SSN): boolean {
  const s = text.indexOf(value);
  if (s < 0) throw new Error(`${value} not in text`);
  return columnHeaderMatches(text, s, s + value.length, words);
}

describe('columnHeaderMatches', () => {
  it.each([
    ['comma CSV, first data row', 'id,name,ssn,city\n17,Bo Lind,482030001,Reno', '482030001'],
    ['a row further down', 'id,name,ssn,city\n17,Bo,482030001,Reno\n18,Al,482030002,Elko\n19,Cy,482030003,Ely', '482030003'],
    ['last column', 'name;ssn\nBo;482030001\nAl;482030002', '482030002'],
    ['first column', 'ssn\tname\n482030001\tBo', '482030001'],
    ['quoted cells with the delimiter inside', 'name,"ssn",city\n"Lind, Bo","482030001","Reno, NV"', '482030001'],
    ['Markdown table', '| name | ssn |\n|------|-----|\n| Bo | 482030001 |', '482030001'],
    ['CRLF rows', 'id,ssn\r\n1,482030001\r\n2,482030002', '482030002'],
    ['after a line of prompt', 'Dedupe this please:\nid,ssn,plan\n1,482030001,pro', '482030001'],
    ['the first row of a table after a longer text', 'one\ntwo\nthree\nfour\nid,ssn\n1001,482030001', '482030001'],
  ])('finds the header: %s', (_why, text, value) => {
    expect(under(text, value)).toBe(true);
  });

  it.each([
    ['another column', 'id,ssn,account\n1,482030001,482030002', '482030002'],
    ['prose, not a table', 'my ssn, as I said, is 482030001, ok', '482030001'],
    ['the header has other cells', 'id,name,ssn\n1,Bo,482030001,extra', '482030001'],
    ['a blank line ends the table', 'one\ntwo\nthree\nid,ssn\n\n1001,482030001', '482030001'],
    ['padding after a comma is prose', 'id,ssn\n1001, 482030001', '482030001'],
    ['the value starts too far into its row', `id,x,ssn\n1001,${'y'.repeat(400)},482030001`, '482030001'],
    ['no header above the rows', 'x\n1,482030001\n2,482030002', '482030002'],
    ['part of a longer cell', 'id,ssn\n1,482030001 and more', '482030001'],
    ['header line with numbers is data', 'id,2024,ssn\n1,482030001,3', '482030001'],
    // Known limit (bounded cost): deeper rows of a table that starts after the first lines.
    ['a later row of a table after a longer text', 'one\ntwo\nthree\nfour\nid,ssn\n1001,482030009\n1002,482030001', '482030001'],
  ])('finds none: %s', (_why, text, value) => {
    expect(under(text, value)).toBe(false);
  });

  it('finds the header of a long table on the first lines of the text', () => {
    const rows = Array.from({ length: 400 }, (_, i) => `${1000 + i},Person ${i},482030${String(i % 999).padStart(3, '0')}`);
    const text = `name list:\nid,name,ssn\n${rows.join('\n')}\n5000,Last,521374096`;
    expect(under(text, '521374096')).toBe(true);
    expect(under(text.replace('id,name,ssn', 'id,name,acct'), '521374096')).toBe(false);
  });

  it('gives up on rows longer than it reads, quickly', () => {
    const line = '1,'.repeat(500_000);
    const text = `a,ssn\n${line}482030001`;
    const t0 = Date.now();
    for (let i = 0; i < 1000; i++) under(text, '482030001');
    expect(under(text, '482030001')).toBe(false);
    expect(Date.now() - t0).toBeLessThan(500);
  });
});
