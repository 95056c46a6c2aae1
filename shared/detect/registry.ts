import type { DocumentClassifier, Recognizer } from './recognizer.ts';
import { email } from './detectors/pii/email.ts';
import { awsAccessKey } from './detectors/secrets/aws-access-key.ts';

/**
 * The one list of built-in recognizers. Adding a detector: one file under `detectors/<group>/`,
 * a table test beside it, one line here (see docs/classifier.md).
 */
export const RECOGNIZERS: readonly Recognizer[] = [
  // PII and financial identifiers
  email,
  // Secrets
  awsAccessKey,
];

/** Whole-text classifiers. */
export const CLASSIFIERS: readonly DocumentClassifier[] = [];
