import type { BuiltinType, FindingSink } from './types.ts';

/**
 * One recognizer per file, registered in `registry.ts`.
 *
 * The engine never runs a recognizer over the whole text. Instead each recognizer declares
 * `anchors`: small regular-expression sources that locate candidates cheaply (a literal prefix
 * such as `AKIA`, or a shared anchor from `anchors.ts` such as a number token). The engine joins all
 * anchors of all recognizers into one pass over the text and calls `match` only where an anchor hit.
 *
 * Rules for anchors: no flags, no capturing groups (use `(?:...)`), no lookbehind, and they should
 * start with a character that is rare in ordinary prose (digits, upper case, punctuation), because
 * the prefilter's speed depends on how often it stops. Anchors with the same source are shared.
 *
 * Rules for `match`: look only at a bounded window around the hit (use sticky regexes with
 * `lastIndex`), report positions via `sink.add`, never keep state between calls.
 */
export interface Recognizer {
  /** The type this recognizer reports. */
  readonly type: BuiltinType;
  readonly anchors: readonly string[];
  /**
   * Whole words (case-sensitive, so list each casing) located with `indexOf` instead of the
   * prefilter: for rare words that start with a common lower-case letter (`wachtwoord`, `senha`),
   * which as anchors would stop the prefilter at every `w` or `s` of a text. Hits reach `match`
   * like anchor hits; `match` checks the word boundaries itself.
   */
  readonly literals?: readonly string[];
  /**
   * Called for each anchor hit `[start, end)`, left to right. May report findings that begin
   * before `start` (e.g. a country code left of a number) as long as it looks at a bounded window.
   */
  match(text: string, start: number, end: number, sink: FindingSink): void;
}

/**
 * Whole-text classifiers (`source_code`, `confidential_marking`) run once per text. They must
 * bound their own work on long texts (e.g. by sampling lines).
 */
export interface DocumentClassifier {
  readonly type: BuiltinType;
  classify(text: string, sink: FindingSink): void;
}
