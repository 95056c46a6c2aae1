import { z } from 'zod';
import { browser } from '../platform/browser.ts';

/**
 * Where the extension reports: from MDM managed storage (`storage.managed`, schema in
 * `public/managed-schema.json`), else from the options page (`storage.local`). Both are parsed
 * with zod; invalid managed config is ignored with a logged reason, never half-applied.
 */
export const DeviceConfig = z.object({
  serverUrl: z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, '')),
  enrollmentToken: z.string().regex(/^dle_[A-Za-z0-9_-]{16,200}$/, 'an enrollment token (dle_...)'),
  userId: z.string().trim().min(1).max(320).optional(),
  /** Directory groups of the user as MDM knows them; policy rules and exceptions may target them. */
  groups: z.array(z.string().trim().min(1).max(256)).max(100).optional(),
  lockSettings: z.boolean().optional(),
});
export type DeviceConfig = z.infer<typeof DeviceConfig>;

export async function readConfig(): Promise<{ config: DeviceConfig; source: 'managed' | 'local' } | undefined> {
  try {
    const managed = await browser.storage.managed.get(null);
    if (Object.keys(managed).length) {
      const parsed = DeviceConfig.safeParse(managed);
      if (parsed.success) return { config: parsed.data, source: 'managed' };
      console.warn(
        'Daylight: managed configuration ignored:',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    }
  } catch {
    // No managed storage on this browser/profile (e.g. unmanaged Firefox): fall through.
  }
  const local = (await browser.storage.local.get('config'))['config'];
  const parsed = DeviceConfig.safeParse(local);
  return parsed.success ? { config: parsed.data, source: 'local' } : undefined;
}
