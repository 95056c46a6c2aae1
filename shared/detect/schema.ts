import { z } from 'zod';
import { BUILTIN_TYPES } from './types.ts';

/** zod schemas for findings crossing a boundary (messages, HTTP bodies, files). */
export const BuiltinTypeSchema = z.enum(BUILTIN_TYPES);
export const TenantTypeSchema = z.templateLiteral(['tenant:', z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/)]);
export const FindingTypeSchema = z.union([BuiltinTypeSchema, TenantTypeSchema], {
  error: 'unknown type: expected a built-in type id (see docs/classifier.md) or tenant:<id>',
});

export const FindingSchema = z.object({
  type: FindingTypeSchema,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  confidence: z.number().min(0).max(1),
});
