import { EXTENSION_ID, FIREFOX_EXTENSION_ID } from '../../../shared/extension-key.ts';
import { RolloutOptions } from '../../../shared/contracts/rollout.ts';
import type { KeyRing } from '../crypto.ts';
import type { Db } from '../db/db.ts';
import { CHROME_WEB_STORE_UPDATE_URL, type RolloutInput } from '../mdm/generate.ts';
import { newestCrx } from '../mdm/releases.ts';
import { appendAudit, lockTenant } from './audit.ts';
import { createEnrollmentToken } from './tenants.ts';

type Tx = Pick<Db, 'query'>;

/** Server-wide rollout configuration (docs/rollout.md). */
export interface RolloutConfig {
  /** URL devices reach the server at (PUBLIC_URL), without trailing slash. */
  publicUrl: string;
  /** Directory of `daylight-VERSION.crx` / `.xpi` releases (EXTENSION_RELEASES_DIR). */
  releasesDir?: string;
}

export interface RolloutState {
  tenantName: string;
  options: RolloutOptions;
  token: { id: string; token: string; createdAt: Date; revokedAt: Date | null; expiresAt: Date | null } | null;
}

const tokenAad = (tenantId: string, tokenId: string) => `${tenantId}:rollout-enrollment-token:${tokenId}`;

/** The tenant's rollout options and (opened) rollout enrollment token. */
export async function loadRollout(db: Tx, keys: KeyRing, tenantId: string): Promise<RolloutState> {
  const [t] = await db.query<{ name: string }>('SELECT name FROM tenants WHERE tenant_id = $1', [tenantId]);
  const [r] = await db.query<{
    options: unknown;
    enrollment_token_id: string | null;
    enrollment_token_sealed: string | null;
    created_at: Date | null;
    revoked_at: Date | null;
    expires_at: Date | null;
  }>(
    `SELECT r.options, r.enrollment_token_id, r.enrollment_token_sealed, e.created_at, e.revoked_at, e.expires_at
       FROM rollout_settings r LEFT JOIN enrollment_tokens e ON e.tenant_id = r.tenant_id AND e.token_id = r.enrollment_token_id
      WHERE r.tenant_id = $1`,
    [tenantId],
  );
  const parsed = RolloutOptions.safeParse(r?.options ?? {});
  const options = parsed.success ? parsed.data : RolloutOptions.parse({});
  let token: RolloutState['token'] = null;
  if (r?.enrollment_token_id && r.enrollment_token_sealed && r.created_at) {
    const plain = Buffer.from(keys.open(r.enrollment_token_sealed, tokenAad(tenantId, r.enrollment_token_id))).toString('utf8');
    token = {
      id: r.enrollment_token_id,
      token: plain,
      createdAt: new Date(r.created_at),
      revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
      expiresAt: r.expires_at ? new Date(r.expires_at) : null,
    };
  }
  return { tenantName: t?.name ?? '', options, token };
}

/**
 * Saves the options; creates a rollout enrollment token (named `MDM rollout`) when asked or when
 * there is none. Audited in the same transaction. The token is sealed, never logged.
 */
export async function saveRollout(
  db: Db,
  keys: KeyRing,
  tenantId: string,
  actor: string,
  options: RolloutOptions,
  rotateToken: boolean,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockTenant(tx, tenantId);
    const [cur] = await tx.query<{ enrollment_token_id: string | null }>(
      'SELECT enrollment_token_id FROM rollout_settings WHERE tenant_id = $1',
      [tenantId],
    );
    let token: { id: string; sealed: string } | null = null;
    if (rotateToken || !cur?.enrollment_token_id) {
      const t = await createEnrollmentToken(tx, tenantId, 'MDM rollout', actor);
      token = { id: t.id, sealed: keys.seal(Buffer.from(t.token, 'utf8'), tokenAad(tenantId, t.id)) };
      await appendAudit(tx, tenantId, {
        actor,
        action: 'enrollment_token.create',
        target: `enrollment_token:${t.id}`,
        details: { name: 'MDM rollout' },
      });
    }
    await tx.query(
      `INSERT INTO rollout_settings (tenant_id, options, enrollment_token_id, enrollment_token_sealed, updated_by, updated_at)
       VALUES ($1, $2::jsonb, $3, $4, $5, now())
       ON CONFLICT (tenant_id) DO UPDATE SET options = excluded.options,
         enrollment_token_id = coalesce($3, rollout_settings.enrollment_token_id),
         enrollment_token_sealed = coalesce($4, rollout_settings.enrollment_token_sealed),
         updated_by = excluded.updated_by, updated_at = now()`,
      [tenantId, JSON.stringify(options), token?.id ?? null, token?.sealed ?? null, actor],
    );
    await appendAudit(tx, tenantId, {
      actor,
      action: 'rollout.update',
      target: 'rollout',
      details: { options, rotatedToken: token !== null },
    });
  });
}

/** Where Chrome/Edge and Firefox get the extension, from the options and the releases on disk. */
export function extensionSources(
  cfg: RolloutConfig,
  options: RolloutOptions,
): { chromium: RolloutInput['chromium']; firefox: RolloutInput['firefox'] } {
  let id = options.chromiumExtensionId;
  if (!id && options.chromiumSource === 'self-hosted' && cfg.releasesDir) {
    id = newestCrx(cfg.releasesDir)?.id;
  }
  return {
    chromium: {
      extensionId: id ?? EXTENSION_ID,
      updateUrl: options.chromiumSource === 'self-hosted' ? `${cfg.publicUrl}/extension/update.xml` : CHROME_WEB_STORE_UPDATE_URL,
    },
    firefox: {
      extensionId: FIREFOX_EXTENSION_ID,
      installUrl: options.firefoxInstallUrl ?? `${cfg.publicUrl}/extension/daylight-latest.xpi`,
    },
  };
}
