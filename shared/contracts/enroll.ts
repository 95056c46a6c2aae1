import { z } from 'zod';

const Text = (max: number) => z.string().trim().min(1).max(max);

/**
 * `POST /v1/enroll` body, sent with `Authorization: Bearer <enrollment token>`: what the device
 * says about itself. The user is who MDM or the OS says is signed in (e-mail or UPN).
 */
export const EnrollRequest = z.strictObject({
  agent: z.enum(['extension', 'desktop']),
  agentVersion: Text(64),
  os: z.enum(['windows', 'macos', 'linux', 'chromeos', 'other']),
  osVersion: Text(64).optional(),
  hostname: Text(255).optional(),
  browser: z.strictObject({ name: z.enum(['chrome', 'edge', 'firefox', 'other']), version: Text(64) }).optional(),
  /** MDM's own device id, to tie re-enrollments of one machine together. */
  mdmDeviceId: Text(128).optional(),
  user: z
    .strictObject({
      /** E-mail or UPN as MDM/OS reports it. */
      id: Text(320),
      source: z.enum(['mdm', 'os', 'browser']),
    })
    .optional(),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollResponse = z.object({
  tenantId: z.uuid(),
  deviceId: z.uuid(),
  /** Device credential (`dld_...`), shown once: send it as `Authorization: Bearer`. */
  credential: z.string(),
  /** The tenant's Ed25519 policy key (hex); verify every policy against it. */
  policyPublicKey: z.string(),
  /** Per-tenant key (hex) for HMAC-SHA-256 of matched values in events. */
  valueHashKey: z.string(),
  /** The user id as stored: the given one, or its per-tenant pseudonym. */
  user: z.object({ id: z.string(), pseudonymized: z.boolean() }).nullable(),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;

/** `POST /v1/device/rotate`: a new credential; the old one works until the new one is first used. */
export const RotateResponse = z.object({ deviceId: z.uuid(), credential: z.string() });

export const DeviceInfo = z.object({
  id: z.uuid(),
  agent: z.string(),
  agentVersion: z.string(),
  os: z.string(),
  osVersion: z.string().nullable(),
  hostname: z.string().nullable(),
  userId: z.string().nullable(),
  enrolledAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;
export const DeviceList = z.object({ devices: z.array(DeviceInfo) });

/**
 * What the tenant's directory (SCIM from the identity provider) says about the device's user:
 * the groups policy rules may target, next to those MDM configured on the device. Empty when the
 * user is not provisioned or is deactivated.
 */
export const DeviceDirectory = z.object({
  groups: z.array(z.string().min(1).max(256)).max(1000),
  provisioned: z.boolean(),
});
export type DeviceDirectory = z.infer<typeof DeviceDirectory>;
