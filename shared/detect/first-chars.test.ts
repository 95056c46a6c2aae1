import { describe, expect, it } from 'vitest';
import { NUMBER } from './anchors.ts';
import { allowedBefore, firstChars, secondChars } from './first-chars.ts';
import { RECOGNIZERS } from './registry.ts';

const chars = (src: string): string | 'any' => {
  const f = firstChars(src);
  return f.any
    ? 'any'
    : [...f.ascii]
        .sort((a, b) => a - b)
        .map((c) => String.fromCharCode(c))
        .join('') + (f.nonAscii ? '+' : '');
};

describe('firstChars', () => {
  it.each([
    ['AKIA|ASIA', 'A'],
    ['A(?:KIA|SIA)', 'A'],
    ['\\d+(?:[ .]\\d+)*', '0123456789'],
    ['(?:\\b|(?<=\\b[A-Z]{1,2}))\\d+', '0123456789'],
    ['[=:]', ':='],
    ['-(?!----)(?=[0-9A-Za-z_-]{8})', '-'],
    ['(?:[Pp]ass|PWD)', 'Pp'],
    ['\\.eyJ', '.'],
    ['[a-c]x', 'abc'],
    ['x?y', 'xy'],
    ['(?:ab)*c', 'ac'],
    ['\\u00e9t', '+'],
    ['.', 'any'],
    ['[^a]', 'any'],
    ['a*', 'any'],
    ['(?=x)', 'any'],
  ])('%s -> %s', (src, want) => {
    expect(chars(src)).toBe(want);
  });

  // The analysis must never miss a character an anchor can start with: check each registered
  // anchor against every ASCII character followed by plausible continuations.
  it('is conservative for every registered anchor', () => {
    const tails = [
      '',
      'KIA',
      'SIA0000000000000000',
      'assword',
      'x',
      '1234',
      'aaaaaaaaaaaaaaaaaaaaaaaa',
      '----BEGIN',
      'BEGIN ',
      'eyJ',
      '@',
      'slack.com/',
    ];
    for (const r of RECOGNIZERS) {
      for (const a of r.anchors) {
        const f = firstChars(a);
        if (f.any) continue;
        const re = new RegExp(a, 'y');
        for (let c = 0; c < 128; c++) {
          for (const tail of tails) {
            const text = String.fromCharCode(c) + tail;
            re.lastIndex = 0;
            if (re.test(text) && re.lastIndex > 0)
              expect(f.ascii.has(c), `${a} can start with ${JSON.stringify(String.fromCharCode(c))}`).toBe(true);
          }
        }
      }
    }
  });

  it('says which characters may precede a match of an anchor that opens with a word boundary', () => {
    const word = allowedBefore('\\b[0-9]{3}')!;
    expect([...' -=(\n'].map((c) => word[c.charCodeAt(0)])).toEqual([1, 1, 1, 1, 1]);
    expect([...'aZ9_'].map((c) => word[c.charCodeAt(0)])).toEqual([0, 0, 0, 0]);
    const number = allowedBefore(NUMBER)!;
    expect([...' AZ'].map((c) => number[c.charCodeAt(0)])).toEqual([1, 1, 1]);
    expect([...'az9_'].map((c) => number[c.charCodeAt(0)])).toEqual([0, 0, 0, 0]);
    expect(allowedBefore('@')).toBeNull();
    expect(allowedBefore('\\b[-=]')).toBeNull(); // a boundary before a non-word character says nothing simple
  });

  it('never rules out a character before a real match of a registered anchor', () => {
    const anchors = [...new Set(RECOGNIZERS.flatMap((r) => r.anchors))];
    for (const a of anchors) {
      const before = allowedBefore(a);
      if (!before) continue;
      const re = new RegExp(a, 'y');
      for (let p = 0; p < 128; p++) {
        for (const hit of ['4111 1111', 'AB123456C', 'x123-45-6789', '0', 'DE89 3704', 'a1b2_3']) {
          const text = String.fromCharCode(p) + hit;
          for (let i = 1; i < text.length; i++) {
            re.lastIndex = i;
            if (re.test(text)) expect(before[text.charCodeAt(i - 1)], `${a} in ${JSON.stringify(text)} at ${i}`).toBe(1);
          }
        }
      }
    }
  });

  it('bounds the second character of anchors that open with one character, conservatively', () => {
    expect(chars2('A(?:KIA|SIA)')).toBe('KS');
    expect(chars2('_(?=[0-9]{16})')).toBe('0123456789');
    expect(chars2('-(?!----)(?=[ab]{8})')).toBe('ab');
    expect(chars2('[Bb][Yy](?<=BY|by)')).toBe('Yy');
    expect(chars2('(?:BY|by)')).toBe('null');
    expect(chars2('[=:]')).toBe('null');
    expect(chars2('a*b')).toBe('null');
    // Every registered anchor: whatever follows a first character in a real match is allowed.
    const seconds = [...'KSBIA3GReyaAwWpPYy_-. \t/<0123456789@:=x'].map((c) => c.charCodeAt(0));
    let matched = 0;
    const tails = [
      '',
      'IA0000000000000000',
      'ccess_key',
      'ssword',
      'aaaaaaaaaaaaaaaaaaaaaaaa',
      '---BEGIN ',
      'J',
      'lack.com/',
      "  '",
      'BlbkFJ',
      'za',
      '1348941',
      '.',
      'x>',
    ];
    for (const a of new Set(RECOGNIZERS.flatMap((r) => r.anchors))) {
      const f = secondChars(a);
      if (f === null || f.any) continue;
      const re = new RegExp(a, 'y');
      for (let c = 0; c < 128; c++) {
        for (const d of seconds) {
          for (const tail of tails) {
            const text = String.fromCharCode(c, d) + tail;
            re.lastIndex = 0;
            if (!re.test(text)) continue;
            matched++;
            expect(f.ascii.has(d), `${a} in ${JSON.stringify(text)}`).toBe(true);
          }
        }
      }
    }
    expect(matched).toBeGreaterThan(200);
  });
});

function chars2(src: string): string {
  const f = secondChars(src);
  if (f === null) return 'null';
  if (f.any) return 'any';
  return [...f.ascii]
    .sort((a, b) => a - b)
    .map((c) => String.fromCharCode(c))
    .join('');
}
