import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.ts';

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ a: { d: [3, { z: 1, y: 2 }], c: null } }, '{"a":{"c":null,"d":[3,{"y":2,"z":1}]}}'],
    [[1, 'two', true, false, null], '[1,"two",true,false,null]'],
    [{ '\u00e9': 1, e: 2, E: 3 }, '{"E":3,"e":2,"\u00e9":1}'],
    ['line\nbreak "quoted" \u2028', '"line\\nbreak \\"quoted\\" \u2028"'],
    [1e21, '1e+21'],
    [0.1, '0.1'],
    [-0, '0'],
    [{ skipped: undefined, kept: 1 }, '{"kept":1}'],
  ])('%j -> %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('gives the same bytes whatever the key order and spacing the document came with', () => {
    const a = JSON.parse('{"x": {"b": [1, 2], "a": "s"}, "n": 1.50}') as unknown;
    const b = JSON.parse('{"n":1.5,"x":{"a":"s","b":[1,2]}}') as unknown;
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Infinity],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['a bigint', 1n],
    ['undefined in an array', [undefined]],
    ['a function', () => 1],
  ])('refuses %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('refuses hostile nesting instead of overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => canonicalJson(deep)).toThrow(/nesting/);
  });
});
