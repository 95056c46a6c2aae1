import { z } from 'zod';
import { ErrorResponse } from '../../../shared/contracts/errors.ts';

/** A timestamp column as the API shows it (ISO 8601, UTC). */
export function iso(d: Date | string): string;
export function iso(d: Date | string | null): string | null;
export function iso(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString();
}

/** True for a PostgreSQL unique violation (same SQLSTATE on PGlite and PostgreSQL). */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}

/** The error answers every authenticated route can give, for the OpenAPI document. */
export const AUTH_ERRORS = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse } as const;
export const SECURITY = [{ bearer: [] }];

export const Empty = z.object({});
