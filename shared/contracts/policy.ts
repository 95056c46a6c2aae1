import { z } from 'zod';
import { PolicyDocument } from '../policy/schema.ts';
import { SignedPolicy } from '../policy/sign.ts';

export { SignedPolicy };

/** `POST /v1/policies`: publish a new version. */
export const PublishPolicyRequest = z.strictObject({
  policy: PolicyDocument,
  /** The version this edit started from; 409 when someone published meanwhile. */
  basedOnVersion: z.number().int().min(0).optional(),
});

export const PolicyVersionInfo = z.object({
  version: z.number().int(),
  issuedAt: z.iso.datetime(),
  createdBy: z.string(),
});
export const PolicyVersionList = z.object({ current: z.number().int(), versions: z.array(PolicyVersionInfo) });

export const PolicyVersionParams = z.strictObject({ version: z.coerce.number().int().min(1).max(2_147_483_647) });
