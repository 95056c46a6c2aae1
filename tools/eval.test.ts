import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scan } from '../shared/detect/index.ts';
import { BUILTIN_TYPES, WHOLE_TEXT_TYPES } from '../shared/detect/types.ts';
import { evaluate, loadCorpus, readFloors } from './eval-lib.ts';

// The accuracy gate: the built-in scanner on the labelled corpus must keep every type's F1 at or
// above the floor recorded in test/corpus/floors.json (raise floors as detectors improve).
const CORPUS_DIR = fileURLToPath(new URL('../test/corpus/', import.meta.url));
const floors = readFloors(fileURLToPath(new URL('../test/corpus/floors.json', import.meta.url)));
const cases = loadCorpus(CORPUS_DIR).flatMap((f) => f.cases);
const ev = evaluate(cases, (text) => scan(text), { types: BUILTIN_TYPES, wholeTypes: WHOLE_TEXT_TYPES });

describe('corpus accuracy', () => {
  it('has labelled cases for every built-in type', () => {
    expect(ev.missingTypes).toEqual([]);
  });

  it('has a floor for every built-in type and no other', () => {
    expect(Object.keys(floors).sort()).toEqual([...BUILTIN_TYPES].sort());
  });

  it.each(BUILTIN_TYPES.map((t) => [t]))('%s keeps its F1 at or above its floor', (type) => {
    const s = ev.types.find((x) => x.type === type);
    expect(s, `no stats for ${type}`).toBeDefined();
    const floor = floors[type] ?? 1;
    // Tolerance only for float rounding; floors are recorded rounded down to 2 decimals.
    expect(s!.f1 + 1e-9, `${type}: TP ${s!.tp} FP ${s!.fp} FN ${s!.fn}`).toBeGreaterThanOrEqual(floor);
  });
});
