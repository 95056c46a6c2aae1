/**
 * Built-in type IDs (fixed by the detection contract; more may be added, none renamed).
 * Tenant-defined detectors report `tenant:<detector id>`.
 *
 * This module is types and constants only (no zod), so the engine bundles small for content
 * scripts; the zod schemas for boundaries are in `schema.ts`.
 */
export const BUILTIN_TYPES = [
  'credit_card',
  'iban',
  'us_ssn',
  'email',
  'phone',
  'uk_nino',
  'ca_sin',
  'in_aadhaar',
  'br_cpf',
  'nl_bsn',
  'es_dni',
  'us_npi',
  'aba_routing',
  'aws_access_key',
  'aws_secret_key',
  'github_token',
  'gitlab_token',
  'slack_token',
  'slack_webhook',
  'stripe_key',
  'openai_key',
  'anthropic_key',
  'google_api_key',
  'huggingface_token',
  'npm_token',
  'sendgrid_key',
  'jwt',
  'private_key',
  'connection_string',
  'password',
  'source_code',
  'confidential_marking',
] as const;

export type BuiltinType = (typeof BUILTIN_TYPES)[number];

/** Types whose finding describes the text as a whole; corpus labels carry `value: null` for them. */
export const WHOLE_TEXT_TYPES: ReadonlySet<string> = new Set<BuiltinType>(['source_code', 'confidential_marking']);

export type TenantType = `tenant:${string}`;
export type FindingType = BuiltinType | TenantType;

/**
 * A finding is a position, never a copy of the value: `start`/`end` are UTF-16 offsets into the
 * scanned string (end exclusive), `confidence` is in [0, 1].
 *
 * @example
 * const f: Finding = { type: 'email', start: 8, end: 25, confidence: 0.95 };
 */
export interface Finding {
  type: FindingType;
  start: number;
  end: number;
  confidence: number;
}

/** Where recognizers put what they find. */
export interface FindingSink {
  add(type: FindingType, start: number, end: number, confidence: number): void;
}
