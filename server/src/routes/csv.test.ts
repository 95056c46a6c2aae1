import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('toCsv', () => {
  it('writes RFC 4180: CRLF, quotes only where needed, doubled quotes, empty cells for null', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['plain', 3],
          ['with,comma', null],
          ['say "hi"', true],
          ['two\nlines', 1.5],
        ],
      ),
    ).toBe('a,b\r\nplain,3\r\n"with,comma",\r\n"say ""hi""",true\r\n"two\nlines",1.5\r\n');
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\r=1', `"'\r=1"`],
    ['a=1', 'a=1'],
  ])('defuses the formula %j', (input, out) => {
    expect(toCsv(['x'], [[input]])).toBe(`x\r\n${out}\r\n`);
  });

  it('leaves numbers alone, negative ones included', () => {
    expect(toCsv(['n'], [[-1]])).toBe('n\r\n-1\r\n');
  });
});
