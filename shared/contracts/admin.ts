import { z } from 'zod';
import { ClientTimestamp } from './common.ts';

/**
 * Admin roles. owner: everything, including admins and API tokens; admin: policy, devices,
 * enrollment tokens; analyst: reports; reviewer: justifications; auditor: audit log and
 * configuration, read-only.
 */
export const Role = z.enum(['owner', 'admin', 'analyst', 'reviewer', 'auditor']);
export type Role = z.infer<typeof Role>;

const Id = z.uuid();
const When = z.iso.datetime();
const Name = z.string().trim().min(1).max(100);

/** `GET /v1/tenant` */
export const TenantInfo = z.object({
  id: Id,
  name: z.string(),
  createdAt: When,
  /** Ed25519 public key that signs this tenant's policies, 64 hex characters. */
  policyPublicKey: z.string(),
});
export type TenantInfo = z.infer<typeof TenantInfo>;

/** `POST /v1/auth/sign-in`: exchanges a one-time sign-in link token for a session token. */
export const SignInRequest = z.strictObject({ token: z.string().min(1).max(200) });
export const SignInResponse = z.object({
  /** Bearer token (`dls_...`) for the admin API; expires. The same token is set as an HttpOnly session cookie. */
  sessionToken: z.string(),
  expiresAt: When,
  adminId: Id,
  role: Role,
  /** Send as `x-csrf-token` on every state-changing request authenticated by the session cookie. */
  csrfToken: z.string(),
});
export type SignInResponse = z.infer<typeof SignInResponse>;

/** `POST /v1/auth/sign-out`: ends the calling session and clears its cookie. */
export const SignOutResponse = z.object({ signedOut: z.literal(true) });

export const AdminInfo = z.object({
  id: Id,
  email: z.string(),
  role: Role,
  createdAt: When,
});
export type AdminInfo = z.infer<typeof AdminInfo>;
export const AdminList = z.object({ admins: z.array(AdminInfo) });

/** `POST /v1/admins`: invites an admin; the answer carries their one-time sign-in token. */
export const CreateAdminRequest = z.strictObject({ email: z.email().max(320), role: Role });
export const CreateAdminResponse = z.object({ admin: AdminInfo, signInToken: z.string(), signInExpiresAt: When });

/** API tokens for automation: bearer `dlt_...`, scoped to one role, revocable. */
export const CreateApiTokenRequest = z.strictObject({ name: Name, role: Role });
export const ApiTokenInfo = z.object({
  id: Id,
  name: z.string(),
  role: Role,
  createdAt: When,
  lastUsedAt: When.nullable(),
  revokedAt: When.nullable(),
});
export type ApiTokenInfo = z.infer<typeof ApiTokenInfo>;
export const ApiTokenList = z.object({ tokens: z.array(ApiTokenInfo) });
/** The token itself is shown once, here; the server keeps only its SHA-256. */
export const CreateApiTokenResponse = ApiTokenInfo.extend({ token: z.string() });

/** Enrollment tokens: what MDM puts in the extension's/agent's managed config (`dle_...`). */
export const CreateEnrollmentTokenRequest = z.strictObject({ name: Name, expiresAt: ClientTimestamp.optional() });
export const EnrollmentTokenInfo = z.object({
  id: Id,
  name: z.string(),
  createdAt: When,
  expiresAt: When.nullable(),
  revokedAt: When.nullable(),
});
export const EnrollmentTokenList = z.object({ tokens: z.array(EnrollmentTokenInfo) });
export const CreateEnrollmentTokenResponse = EnrollmentTokenInfo.extend({ token: z.string() });

/** Path parameter `:id` of the resource routes. */
export const IdParams = z.strictObject({ id: Id });
