/**
 * Public surface of the classifier engine.
 *
 * @example
 * import { scan } from '../shared/detect/index.ts';
 * scan('key AKIA2E7AKF3BZ44CQ7W6'); // [{ type: 'aws_access_key', start: 4, end: 24, confidence: 0.95 }]
 */
import { createScanner, DEFAULT_THRESHOLDS, type Scanner, type Thresholds } from './engine.ts';
import { CLASSIFIERS, RECOGNIZERS } from './registry.ts';
import type { Finding } from './types.ts';

export { createScanner, DEFAULT_THRESHOLDS, resolveOverlaps, type Scanner, type Thresholds } from './engine.ts';
export { CLASSIFIERS, RECOGNIZERS } from './registry.ts';
export * from './types.ts';

let builtin: Scanner | undefined;

/** The scanner with every built-in recognizer, built on first use. */
export function builtinScanner(): Scanner {
  builtin ??= createScanner({ recognizers: RECOGNIZERS, classifiers: CLASSIFIERS });
  return builtin;
}

/** Scans `text` with the built-in recognizers and default thresholds. */
export function scan(text: string, thresholds: Thresholds = DEFAULT_THRESHOLDS): Finding[] {
  return builtinScanner().scan(text, thresholds);
}
