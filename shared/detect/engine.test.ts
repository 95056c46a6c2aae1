import { describe, expect, it } from 'vitest';
import { createScanner, resolveOverlaps } from './engine.ts';
import type { Recognizer } from './recognizer.ts';

/** A recognizer that records every hit it is handed and reports it as a finding. */
function recorder(anchors: string[], literals?: string[]): Recognizer & { hits: [number, number][] } {
  const hits: [number, number][] = [];
  return {
    type: 'password',
    anchors,
    ...(literals ? { literals } : {}),
    hits,
    match(_text, start, end, sink) {
      hits.push([start, end]);
      sink.add('password', start, end, 0.9);
    },
  };
}

describe('createScanner', () => {
  it('hands each anchor hit to the recognizers that declared the anchor, once, left to right', () => {
    const r = recorder(['AK[0-9]{2}']);
    const text = 'x AK12 y AK34 AKxx';
    createScanner({ recognizers: [r], classifiers: [] }).scanRaw(text);
    expect(r.hits).toEqual([
      [2, 6],
      [9, 13],
    ]);
  });

  it('finds literals with a string search, every occurrence, overlapping anchors included', () => {
    const r = recorder([], ['wachtwoord', ' senha ']);
    const text = 'het wachtwoord is X; a senha é Y; wachtwoordwachtwoord';
    const found = createScanner({ recognizers: [r], classifiers: [] }).scanRaw(text);
    expect(r.hits.map(([s, e]) => text.slice(s, e))).toEqual(['wachtwoord', 'wachtwoord', 'wachtwoord', ' senha ']);
    expect(found).toHaveLength(4);
  });

  it('finds anchors after long runs of characters no anchor starts with, and in short gaps', () => {
    const r = recorder(['AK[0-9]{2}', '@']);
    const text = `${'lorem ipsum '.repeat(500)}AK12 x@y ${'z'.repeat(3)}AK34${'q'.repeat(7)}@`;
    createScanner({ recognizers: [r], classifiers: [] }).scanRaw(text);
    expect(r.hits.map(([s, e]) => text.slice(s, e))).toEqual(['AK12', '@', 'AK34', '@']);
    expect(r.hits[0]?.[0]).toBe(6000);
  });

  it('does not try anchors inside a confident finding, but does inside a weak one', () => {
    const token = (confidence: number): Recognizer => ({
      type: 'github_token',
      anchors: ['ghp_'],
      match(text, start, _end, sink) {
        sink.add('github_token', start, start + 20, confidence);
      },
    });
    const inner = recorder(['-']);
    const text = 'ghp_ab-cd-ef-gh-ij-k then -';
    createScanner({ recognizers: [token(0.95), inner], classifiers: [] }).scanRaw(text);
    expect(inner.hits.map(([s]) => s)).toEqual([text.lastIndexOf('-')]);
    inner.hits.length = 0;
    createScanner({ recognizers: [token(0.6), inner], classifiers: [] }).scanRaw(text);
    expect(inner.hits).toHaveLength(6);
  });

  it('refuses an anchor with a capturing group and an empty literal', () => {
    expect(() => createScanner({ recognizers: [recorder(['(a)b'])], classifiers: [] })).toThrow(/capturing group/);
    expect(() => createScanner({ recognizers: [recorder([], [''])], classifiers: [] })).toThrow(/Empty literal/);
  });

  it('resolves overlaps: higher confidence wins, then the longer span', () => {
    expect(
      resolveOverlaps([
        { type: 'email', start: 0, end: 10, confidence: 0.6 },
        { type: 'password', start: 5, end: 8, confidence: 0.9 },
        { type: 'phone', start: 20, end: 25, confidence: 0.7 },
        { type: 'us_ssn', start: 20, end: 30, confidence: 0.7 },
      ]).map((f) => f.type),
    ).toEqual(['password', 'us_ssn']);
  });
});
