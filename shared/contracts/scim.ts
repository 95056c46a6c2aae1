import { z } from 'zod';

/**
 * SCIM 2.0 (RFC 7643/7644) as Daylight serves it at `/scim/v2` (docs/sso-scim.md). Resources are
 * open-ended JSON: only what Daylight relies on is checked, the rest is kept as sent.
 */
export const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SCIM_PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const Str = (max: number) => z.string().trim().min(1).max(max);

export const ScimUserInput = z.looseObject({
  schemas: z.array(z.string().max(200)).max(10).optional(),
  userName: Str(320),
  externalId: z.string().max(256).nullable().optional(),
  active: z.union([z.boolean(), z.enum(['True', 'False', 'true', 'false'])]).optional(),
});

export const ScimGroupInput = z.looseObject({
  schemas: z.array(z.string().max(200)).max(10).optional(),
  displayName: Str(256),
  externalId: z.string().max(256).nullable().optional(),
  members: z
    .array(z.looseObject({ value: z.string().max(64) }))
    .max(100_000)
    .optional(),
});

export const ScimPatchRequest = z.looseObject({
  schemas: z.array(z.string().max(200)).max(10).optional(),
  Operations: z
    .array(
      z.looseObject({
        op: z.string().regex(/^(add|replace|remove)$/i, 'add, replace or remove'),
        path: z.string().max(500).optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1)
    .max(1000),
});

export const ScimListQuery = z.looseObject({
  filter: z.string().max(500).optional(),
  startIndex: z.coerce.number().int().min(1).max(2_147_483_647).default(1),
  count: z.coerce.number().int().min(0).max(1000).default(100),
  attributes: z.string().max(1000).optional(),
  excludedAttributes: z.string().max(1000).optional(),
});

export const ScimIdParams = z.strictObject({ id: z.string().max(64) });

export const ScimResource = z.looseObject({ schemas: z.array(z.string()), id: z.string().optional() });
export const ScimListResponse = z.looseObject({
  schemas: z.array(z.string()),
  totalResults: z.number().int(),
  startIndex: z.number().int(),
  itemsPerPage: z.number().int(),
  Resources: z.array(z.looseObject({})),
});
export const ScimError = z.object({
  schemas: z.array(z.string()),
  status: z.string(),
  scimType: z.string().optional(),
  detail: z.string(),
});

/** `POST /v1/scim-tokens` (owner): a provisioning token for the IdP, shown once. */
export const CreateScimTokenRequest = z.strictObject({ name: Str(100) });
export const ScimTokenInfo = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export const ScimTokenList = z.object({ tokens: z.array(ScimTokenInfo) });
export const CreateScimTokenResponse = ScimTokenInfo.extend({
  /** Bearer token (`dlp_...`) for the IdP's SCIM connector; shown only now. */
  token: z.string(),
  /** The SCIM base URL to give the IdP. */
  baseUrl: z.string(),
});
