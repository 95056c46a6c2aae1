import type { Finding } from '../../shared/detect/types.ts';
import type { GuardDecision, GuardEvent, Surface } from './guard.ts';

/**
 * The content script comes in two parts that share one isolated world per frame:
 *
 * - `index.ts`, at document_start: the guard's listeners, the site adapter and the dialogs. Small,
 *   so the page's load pays almost nothing for it.
 * - `engine.ts`, at document_idle: the classifier, the policy and its schemas, redaction, tenant
 *   detectors and value hashes (most of the code, and the zod schemas that are costly to build).
 *
 * The engine publishes itself on a global of the isolated world (pages cannot see it); until it
 * has, the guard holds a paste or send and decides once it is there.
 */
export interface ContentEngine {
  /** The app's name for dialogs (the catalog's, once the background has said which app this is). */
  appName(): string;
  scan(text: string): Finding[];
  decide(findings: Finding[], surface: Surface): GuardDecision;
  redact(text: string, findings: Finding[], mode: 'redact' | 'pseudonymize'): { text: string; replacements: [string, string][] };
  hashValues(text: string, findings: Finding[]): string[] | undefined;
  report(event: GuardEvent): void;
}

const KEY = Symbol.for('daylight.contentEngine');

interface Slot {
  engine?: ContentEngine;
  waiters: ((e: ContentEngine) => void)[];
}

function slot(): Slot {
  const g = globalThis as unknown as Record<symbol, Slot | undefined>;
  return (g[KEY] ??= { waiters: [] });
}

/** Called once by the engine part when it has loaded. */
export function publishEngine(engine: ContentEngine): void {
  const s = slot();
  s.engine = engine;
  for (const w of s.waiters.splice(0)) w(engine);
}

/** The engine if it has loaded. */
export function currentEngine(): ContentEngine | undefined {
  return slot().engine;
}

/** Resolves with the engine once it has loaded (at once if it has). */
export function whenEngine(): Promise<ContentEngine> {
  const s = slot();
  if (s.engine) return Promise.resolve(s.engine);
  return new Promise((resolve) => s.waiters.push(resolve));
}
