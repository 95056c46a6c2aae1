import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../engine.ts';
import type { Finding, FindingSink } from '../types.ts';
import { buildKeywordAutomaton, compileKeywords, type KeywordDetectorConfig, runKeywordAutomaton } from './keywords.ts';

function detector(words: string[], opts: Partial<KeywordDetectorConfig> = {}): KeywordDetectorConfig {
  return { kind: 'keywords', id: 'projects', name: 'Projects', words, caseSensitive: false, wholeWord: true, confidence: 0.9, ...opts };
}

function run(d: KeywordDetectorConfig, text: string): Finding[] {
  const found: Finding[] = [];
  const sink: FindingSink = { add: (type, start, end, confidence) => found.push({ type, start, end, confidence }) };
  compileKeywords(d)(text, sink);
  return found;
}

const values = (d: KeywordDetectorConfig, text: string): string[] => run(d, text).map((f) => text.slice(f.start, f.end));

describe('tenant keywords', () => {
  it.each([
    ['case-insensitive by default', ['Blue Falcon'], {}, 'the blue falcon launch', ['blue falcon']],
    ['upper case text', ['Blue Falcon'], {}, 'BLUE FALCON is go', ['BLUE FALCON']],
    ['case-sensitive keeps case', ['Blue Falcon'], { caseSensitive: true }, 'Blue Falcon, blue falcon', ['Blue Falcon']],
    ['whole word: not inside a longer word', ['Falcon'], {}, 'Falconer and Falcon and SuperFalcon', ['Falcon']],
    ['whole word off: inside words too', ['Falcon'], { wholeWord: false }, 'Falconer, SuperFalcon', ['Falcon', 'Falcon']],
    ['underscore and digits glue words', ['Falcon'], {}, 'Falcon_2 Falcon2 2Falcon (Falcon)', ['Falcon']],
    ['punctuation edges need no boundary', ['C++', '.NET'], {}, 'C++11, ObjC++, ASP.NET', ['C++', '.NET']],
    ['longest keyword wins', ['Blue', 'Blue Falcon'], {}, 'Blue Falcon and Blue', ['Blue Falcon', 'Blue']],
    ['shorter keyword when the longer fails whole-word', ['Falcon', 'Blue Falcon'], {}, 'Blue Falconer Falcon', ['Falcon']],
    ['accented letters fold', ['Äpfel'], {}, 'ÄPFEL und äpfel', ['ÄPFEL', 'äpfel']],
    ['accented letter is a word character', ['pfel'], {}, 'Äpfel', []],
    ['several keywords', ['alpha', 'beta', 'gamma'], {}, 'gamma, beta; alpha.', ['gamma', 'beta', 'alpha']],
  ] as const)('%s', (_why, words, opts, text, expected) => {
    expect(values(detector([...words], opts), text)).toEqual(expected);
  });

  it('reports tenant:<id> with the configured confidence', () => {
    expect(run(detector(['Falcon'], { confidence: 0.7 }), 'x Falcon')).toEqual([
      { type: 'tenant:projects', start: 2, end: 8, confidence: 0.7 },
    ]);
  });

  it('reports UTF-16 offsets after non-BMP characters', () => {
    const text = '😀😀 Blue Falcon 𝒳 Falcon';
    const found = run(detector(['Blue Falcon', 'Falcon']), text);
    expect(found.map((f) => [f.start, f.end])).toEqual([
      [5, 16],
      [20, 26],
    ]);
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual(['Blue Falcon', 'Falcon']);
  });

  it('treats a non-BMP letter as a word character', () => {
    expect(values(detector(['Falcon']), '𝒳Falcon Falcon𝒳')).toEqual([]);
    expect(values(detector(['Falcon'], { wholeWord: false }), '𝒳Falcon')).toEqual(['Falcon']);
  });

  it('finds exactly the planted keywords among 5,000 (deep states use the sparse rows)', () => {
    const r = lcg(11);
    const syl = ['ka', 'lo', 'mi', 'ra', 'zen', 'tor', 'vex', 'qua', 'pli', 'dor', 'fen', 'gar', 'hul', 'jin', 'bex', 'nor'];
    const words = new Set<string>();
    while (words.size < 5000) {
      const parts: string[] = [];
      for (let k = 1 + Math.floor(r() * 3); k > 0; k--) {
        let w = '';
        for (let j = 2 + Math.floor(r() * 4); j > 0; j--) w += syl[Math.floor(r() * syl.length)];
        parts.push(w);
      }
      words.add(parts.join(' '));
    }
    const list = [...words];
    const ac = buildKeywordAutomaton(list, false);
    expect(ac.states).toBeGreaterThan(ac.dense);
    const planted: string[] = [];
    let text = '';
    for (let i = 0; i < 300; i++) {
      const w = list[Math.floor(r() * list.length)] as string;
      planted.push(w);
      text += `Some prose about ${i % 2 ? w.toUpperCase() : w}. `;
    }
    // Shorter keywords inside a planted one may be reported too; the engine's overlap step keeps
    // the longest, which is what a scan returns.
    const raw: Finding[] = [];
    runKeywordAutomaton(ac, text, true, (start, end) => raw.push({ type: 'tenant:x', start, end, confidence: 0.9 }));
    expect(resolveOverlaps(raw).map((f) => text.slice(f.start, f.end).toLowerCase())).toEqual(planted);
  });

  it('covers every occurrence with a reported match at least as long (random check against brute force)', () => {
    const r = lcg(5);
    for (let round = 0; round < 200; round++) {
      const words = Array.from({ length: 1 + Math.floor(r() * 6) }, () => randomString(r, 1 + Math.floor(r() * 4), 'ab '));
      const text = randomString(r, 60, 'abAB c');
      const wholeWord = r() < 0.5;
      const reported: [number, number][] = [];
      runKeywordAutomaton(buildKeywordAutomaton(words, false), text, wholeWord, (s, e) => reported.push([s, e]));
      const all = bruteForce(words, text, wholeWord);
      for (const [s, e] of reported) expect(all).toContainEqual([s, e]);
      for (const [s, e] of all) {
        expect(reported.some(([rs, re]) => rs < e && s < re && re - rs >= e - s)).toBe(true);
      }
    }
  });

  it('stays linear on 1 MB of a repeated keyword prefix', () => {
    const pass = compileKeywords(detector(['aaaaaaaaab', 'aa a']));
    let n = 0;
    pass('a'.repeat(1_000_000), { add: () => n++ });
    expect(n).toBe(0);
  });
});

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function randomString(r: () => number, n: number, alphabet: string): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
}

/** Every occurrence of every keyword (case-insensitive), with the whole-word rule applied. */
function bruteForce(words: string[], text: string, wholeWord: boolean): [number, number][] {
  const lower = text.toLowerCase();
  const isWord = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_]/u.test(c);
  const out: [number, number][] = [];
  for (const w of new Set(words.map((x) => x.toLowerCase()))) {
    for (let i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + 1)) {
      const e = i + w.length;
      if (wholeWord && ((isWord(w[0]) && isWord(text[i - 1])) || (isWord(w[w.length - 1]) && isWord(text[e])))) continue;
      out.push([i, e]);
    }
  }
  return out;
}
