import { z } from 'zod';

/**
 * Built-in type IDs (fixed by the detection contract; more may be added, none renamed).
 * Tenant-defined detectors report `tenant:<detector id>`.
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

export const BuiltinType = z.enum(BUILTIN_TYPES);
export type BuiltinType = z.infer<typeof BuiltinType>;

/** Types whose finding describes the text as a whole; corpus labels carry `value: null` for them. */
export const WHOLE_TEXT_TYPES: ReadonlySet<string> = new Set<BuiltinType>(['source_code', 'confidential_marking']);

export const TenantType = z.string().regex(/^tenant:[a-z0-9][a-z0-9_.-]{0,63}$/);
export type TenantType = `tenant:${string}`;

export const FindingType = z.union([BuiltinType, TenantType]);
export type FindingType = BuiltinType | TenantType;

/**
 * A finding is a position, never a copy of the value: `start`/`end` are UTF-16 offsets into the
 * scanned string (end exclusive), `confidence` is in [0, 1].
 *
 * @example
 * const f: Finding = { type: 'email', start: 8, end: 25, confidence: 0.95 };
 */
export const Finding = z.object({
  type: FindingType,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  confidence: z.number().min(0).max(1),
});
export type Finding = z.infer<typeof Finding>;

/** Where recognizers put what they find. */
export interface FindingSink {
  add(type: FindingType, start: number, end: number, confidence: number): void;
}
