import { z } from 'zod';
import { Role } from './admin.ts';

/**
 * Single sign-on with OpenID Connect (docs/sso-scim.md): per tenant, an IdP (Okta, Microsoft Entra
 * ID, any OpenID provider), its client, the claim that carries the user's groups, and which group
 * gives which Daylight role (first match wins; no match: no sign-in).
 */
const Issuer = z
  .string()
  .max(500)
  .regex(
    /^(?:https:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?|http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?)(?:\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?$/,
    'an https URL without query or fragment (http only for localhost)',
  );

/** A tenant's short name in the sign-in URL. */
export const TenantSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, '2-63 characters: a-z, 0-9, -');

export const RoleMapping = z.strictObject({
  /** A group as the IdP puts it in the groups claim (Okta: the group name; Entra: the group object id). */
  group: z.string().trim().min(1).max(256),
  role: Role,
});

/** `PUT /v1/sso/oidc` */
export const OidcConfigRequest = z.strictObject({
  enabled: z.boolean().default(true),
  issuer: Issuer,
  clientId: z.string().trim().min(1).max(256),
  /** Kept sealed, never returned; omit to keep the stored one. */
  clientSecret: z.string().min(1).max(1024).optional(),
  /** The ID token / userinfo claim with the user's groups (Okta and Entra: `groups`). */
  groupsClaim: z
    .string()
    .regex(/^[A-Za-z0-9_:./-]{1,128}$/)
    .default('groups'),
  roleMapping: z.array(RoleMapping).min(1).max(100),
  /** Optional short name for the sign-in URL instead of the tenant id; unique across tenants. */
  slug: TenantSlug.nullable().default(null),
  /** Scopes asked for; `openid` is required. Okta may need `groups` added. */
  scopes: z
    .string()
    .regex(/^[!#-[\]-~]+(?: [!#-[\]-~]+)*$/, 'space-separated scope tokens')
    .max(500)
    .refine((s) => s.split(' ').includes('openid'), 'must include openid')
    .default('openid email profile'),
});
export type OidcConfigRequest = z.infer<typeof OidcConfigRequest>;

/** `GET /v1/sso/oidc`: the configuration without the secret. */
export const OidcConfigInfo = z.object({
  enabled: z.boolean(),
  issuer: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  groupsClaim: z.string(),
  roleMapping: z.array(RoleMapping),
  scopes: z.string(),
  slug: z.string().nullable(),
  /** The redirect URI to register at the IdP. */
  redirectUri: z.string(),
  /** Where users start signing in (link it from the dashboard's sign-in page). */
  startUrl: z.string(),
  updatedAt: z.iso.datetime(),
});
export type OidcConfigInfo = z.infer<typeof OidcConfigInfo>;

/** `tenant`: the tenant id, or its slug. */
export const OidcStartParams = z.strictObject({ tenant: z.union([z.uuid(), TenantSlug]) });

/** The IdP's answer on the redirect URI (RFC 6749 4.1.2 / 4.1.2.1). */
export const OidcCallbackQuery = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  iss: z.string().max(500).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2000).optional(),
  session_state: z.string().max(512).optional(),
});

/** `GET /v1/auth/session`: the calling session, for a dashboard signed in by SSO (cookie). */
export const SessionInfo = z.object({
  adminId: z.uuid(),
  email: z.string(),
  role: Role,
  expiresAt: z.iso.datetime(),
  /** Send as `x-csrf-token` on state-changing requests made with the session cookie. */
  csrfToken: z.string(),
});
