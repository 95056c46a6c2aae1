import { createScanner } from './engine.ts';
import type { DocumentClassifier, Recognizer } from './recognizer.ts';

/**
 * Test helper: a scanner made of the given recognizers only, returning the matched substrings of
 * the findings at or above the default threshold (what a table test wants to compare).
 */
export function scanWith(...parts: (Recognizer | DocumentClassifier)[]): (text: string) => string[] {
  const recognizers = parts.filter((p): p is Recognizer => 'anchors' in p);
  const classifiers = parts.filter((p): p is DocumentClassifier => 'classify' in p);
  const scanner = createScanner({ recognizers, classifiers });
  return (text) => scanner.scan(text).map((f) => text.slice(f.start, f.end));
}
