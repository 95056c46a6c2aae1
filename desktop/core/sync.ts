import { hostname, release } from 'node:os';
import type { EnrollRequest } from '../../shared/contracts/enroll.ts';
import type { Heartbeat } from '../../shared/contracts/heartbeat.ts';
import { verifyPolicy, type SignedPolicy } from '../../shared/policy/index.ts';
import { PRODUCT } from '../../shared/version.ts';
import { ApiCallError, enrollDevice, fetchDirectory, fetchPolicy, postEvents, postHeartbeat } from './api.ts';
import type { ManagedConfig } from './config.ts';
import type { EventJournal } from './journal.ts';
import { agentOs } from './paths.ts';
import type { StateFiles, StoredEnrollment } from './state.ts';

/** Backoff after failed deliveries: base * 2^(failures-1), capped, with jitter (50-100 %). */
export interface Backoff {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 2_000, maxMs: 10 * 60_000 };

/** The most events one `POST /v1/events` carries (the contract allows 500). */
export const BATCH_SIZE = 200;

export interface SyncDeps {
  config: ManagedConfig;
  state: StateFiles;
  journal: EventJournal;
  log: (msg: string) => void;
  backoff?: Backoff;
  now?: () => number;
}

/**
 * Enrollment, signed-policy sync and event delivery against the tenant server, with everything
 * durable in the state directory. Nothing here throws to the caller of {@link Sync.round}: a
 * failed step is logged and retried in a later round.
 */
export class Sync {
  private failures = 0;
  /** The verified last good policy and the enrollment, read once and refreshed when they change. */
  private cache: { enrollment?: StoredEnrollment; policy?: SignedPolicy } | undefined;
  private notBefore = 0;
  private readonly backoff: Backoff;
  private readonly now: () => number;

  constructor(private readonly deps: SyncDeps) {
    this.backoff = deps.backoff ?? DEFAULT_BACKOFF;
    this.now = deps.now ?? Date.now;
  }

  /** The stored enrollment, if it is for the configured server. */
  enrollment(): StoredEnrollment | undefined {
    return this.cached().enrollment;
  }

  /**
   * The last good policy, re-verified against the enrollment's key (the file could have been
   * edited): anything that does not verify counts as no policy.
   */
  policy(): SignedPolicy | undefined {
    return this.cached().policy;
  }

  private cached(): { enrollment?: StoredEnrollment; policy?: SignedPolicy } {
    if (this.cache) return this.cache;
    const read = this.deps.state.readEnrollment();
    const enrollment = read && read.serverUrl === this.deps.config.serverUrl ? read : undefined;
    const stored = enrollment ? this.deps.state.readPolicy() : undefined;
    const r =
      stored && enrollment
        ? verifyPolicy(stored.signed, enrollment.enrollment.policyPublicKey, enrollment.enrollment.tenantId, 0)
        : undefined;
    if (r && !r.ok) this.deps.log(`stored policy ignored (${r.reason}): ${r.message}`);
    this.cache = { ...(enrollment ? { enrollment } : {}), ...(r?.ok ? { policy: r.policy } : {}) };
    return this.cache;
  }

  /** Enrolls when there is no enrollment for the configured server. */
  async ensureEnrolled(): Promise<StoredEnrollment> {
    const existing = this.enrollment();
    if (existing) return existing;
    const { config } = this.deps;
    const facts: EnrollRequest = {
      agent: 'desktop',
      agentVersion: PRODUCT.version,
      os: agentOs(),
      osVersion: release().slice(0, 64),
      hostname: hostname().slice(0, 255) || undefined,
      ...(config.mdmDeviceId ? { mdmDeviceId: config.mdmDeviceId } : {}),
      ...(config.userId ? { user: { id: config.userId, source: 'mdm' as const } } : {}),
    };
    const enrollment = await enrollDevice(config.serverUrl, config.enrollmentToken, facts);
    const stored: StoredEnrollment = { v: 1, serverUrl: config.serverUrl, enrolledAt: new Date(this.now()).toISOString(), enrollment };
    this.deps.state.writeEnrollment(stored);
    this.cache = undefined;
    this.deps.log(`enrolled as device ${enrollment.deviceId}`);
    return stored;
  }

  /**
   * Fetches the policy and keeps it only when it verifies (signature, tenant, version not older
   * than the last good one). Returns whether a new version was stored.
   */
  async syncPolicy(e: StoredEnrollment): Promise<boolean> {
    const stored = this.deps.state.readPolicy();
    const last = this.policy();
    const got = await fetchPolicy(e.serverUrl, e.enrollment.credential, last ? stored?.etag : undefined);
    if (!got) return false;
    const r = verifyPolicy(got.body, e.enrollment.policyPublicKey, e.enrollment.tenantId, last?.version ?? 0);
    if (!r.ok) {
      this.deps.log(`policy refused (${r.reason}): ${r.message}; keeping version ${last?.version ?? 'none (built-in default)'}`);
      return false;
    }
    if (last && r.policy.version === last.version && r.policy.signature === last.signature) return false;
    this.deps.state.writePolicy({ v: 1, signed: r.policy, ...(got.etag ? { etag: got.etag } : {}) });
    this.cache = undefined;
    this.deps.log(`policy version ${r.policy.version} in force`);
    return true;
  }

  /**
   * Sends queued events in batches until the queue is empty, a send fails, or the backoff says
   * wait. An acknowledged batch is removed from the journal; a failed one stays as it is and is
   * sent again with the same ids later. Returns how many events were delivered.
   */
  async deliver(e: StoredEnrollment): Promise<number> {
    const { journal } = this.deps;
    if (this.now() < this.notBefore) return 0;
    let delivered = 0;
    for (;;) {
      const batch = journal.peek(BATCH_SIZE);
      if (!batch.length) break;
      try {
        await postEvents(e.serverUrl, e.enrollment.credential, batch);
      } catch (err) {
        this.failed(err);
        break;
      }
      journal.ack(batch.map((x) => x.id));
      delivered += batch.length;
      this.failures = 0;
      this.notBefore = 0;
    }
    return delivered;
  }

  private failed(err: unknown): void {
    this.failures++;
    const exp = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** (this.failures - 1));
    const asked = err instanceof ApiCallError && err.retryAfter ? err.retryAfter * 1000 : 0;
    this.notBefore = this.now() + Math.max(asked, exp * (0.5 + Math.random() / 2));
    this.deps.log(`event delivery failed (${(err as Error).message}); next try in ${Math.round((this.notBefore - this.now()) / 1000)} s`);
  }

  /** Delivery backoff state, for status and tests. */
  backoffState(): { failures: number; notBefore: number } {
    return { failures: this.failures, notBefore: this.notBefore };
  }

  /** Sends a heartbeat (see `shared/contracts/heartbeat.ts`). */
  async sendHeartbeat(e: StoredEnrollment, heartbeat: Heartbeat): Promise<void> {
    await postHeartbeat(e.serverUrl, e.enrollment.credential, heartbeat);
  }

  /** One round: enroll if needed, refresh the policy and the directory groups, deliver events. Never throws. */
  async round(): Promise<void> {
    let e: StoredEnrollment;
    try {
      e = await this.ensureEnrolled();
    } catch (err) {
      this.deps.log(`enrollment failed: ${(err as Error).message}`);
      return;
    }
    try {
      await this.syncPolicy(e);
    } catch (err) {
      this.deps.log(`policy sync failed: ${(err as Error).message}`);
    }
    try {
      this.deps.state.writeDirectory(await fetchDirectory(e.serverUrl, e.enrollment.credential));
    } catch (err) {
      this.deps.log(`directory groups not fetched: ${(err as Error).message}`);
    }
    await this.deliver(e);
  }
}
