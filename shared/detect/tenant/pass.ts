import type { FindingSink } from '../types.ts';

/** A compiled tenant detector: one pass over the text that reports `tenant:<id>` spans. */
export type TenantPass = (text: string, sink: FindingSink) => void;

/** A tenant detector that cannot be compiled; the message names the detector and the reason. */
export class TenantDetectorError extends Error {
  override readonly name = 'TenantDetectorError';
}

/** `tenant detector "id" (Name)`, the prefix of every compile error. */
export function describeDetector(d: { readonly id: string; readonly name: string }): string {
  return `tenant detector "${d.id}" (${d.name})`;
}
