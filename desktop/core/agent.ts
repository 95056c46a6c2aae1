import type { ClientEvent } from '../../shared/contracts/events.ts';
import type { AgentApp, AgentBrowser, Heartbeat } from '../../shared/contracts/heartbeat.ts';
import { CLASSIFIERS, createScanner, RECOGNIZERS, type Scanner } from '../../shared/detect/index.ts';
import { compileTenantDetectors } from '../../shared/detect/tenant/index.ts';
import { defaultPolicy, subjectGroups, type PolicyDocument } from '../../shared/policy/index.ts';
import { PRODUCT } from '../../shared/version.ts';
import { fetchNotices } from './api.ts';
import type { Notifier } from './clipboard/platform.ts';
import type { ManagedConfig } from './config.ts';
import { makeEvent, type EventInput } from './events.ts';
import { lockDir } from './files.ts';
import { EventJournal, type JournalStats } from './journal.ts';
import { agentOs } from './paths.ts';
import { StateFiles } from './state.ts';
import { Sync, type Backoff } from './sync.ts';

export interface AgentOptions {
  config: ManagedConfig;
  stateDir: string;
  log?: (msg: string) => void;
  backoff?: Backoff;
  /** Read the state without taking it: no lock, no journal writes (`status` next to a running daemon). */
  readOnly?: boolean;
}

/** What the agent reports about itself (`daylight-agent status --json`, the tray, the native host). */
export interface AgentState {
  enrolled: boolean;
  deviceId?: string;
  policyVersion?: number;
  queue: JournalStats;
  paused: { until: string; justification: string } | null;
}

/**
 * The agent: one managed configuration, one state directory, one event journal. Guards and scans
 * (clipboard, discovery, browser coverage) report through {@link Agent.record}; {@link Agent.syncNow}
 * enrolls, refreshes the policy and delivers.
 */
/** Notifications shown per sync at most; more notices are summed up in one. */
const MAX_NOTIFICATIONS = 3;

export class Agent {
  readonly config: ManagedConfig;
  readonly state: StateFiles;
  readonly journal: EventJournal;
  readonly sync: Sync;
  readonly log: (msg: string) => void;
  private scannerFor: { key: string; scanner: Scanner } | undefined;
  private pausedUntil = 0;
  private readonly unlock: () => void;
  private pauseJustification = '';
  /**
   * Shows messages from the administrators (a declined or approved justification) on the desktop.
   * Set by the daemon and the tray; without it (one-shot commands) notices are left for them.
   */
  notifier: Notifier | undefined;
  /** Latest findings of the discovery and browser-coverage scans, for the heartbeat. */
  coverage: { apps: AgentApp[]; browsers: AgentBrowser[]; clipboardGuard: boolean } = { apps: [], browsers: [], clipboardGuard: false };

  constructor(o: AgentOptions) {
    this.config = o.config;
    this.log = o.log ?? ((m) => console.error(`daylight-agent: ${m}`));
    this.state = new StateFiles(o.stateDir, this.log);
    this.unlock = o.readOnly ? () => undefined : lockDir(o.stateDir);
    try {
      this.journal = EventJournal.open(o.stateDir, { readOnly: o.readOnly ?? false });
    } catch (e) {
      this.unlock();
      throw e;
    }
    this.sync = new Sync({ config: o.config, state: this.state, journal: this.journal, log: this.log, backoff: o.backoff });
  }

  /**
   * Who uses this device, for policy rules and exceptions: the user id as the server stores it
   * (from enrollment; MDM's before that), and the groups MDM configured plus the user's directory
   * groups (SCIM), each once.
   */
  subject(): { userId?: string; groups: string[] } {
    const userId = this.sync.enrollment()?.enrollment.user?.id ?? this.config.userId?.toLowerCase();
    const groups = subjectGroups(this.config.groups ?? [], this.state.readDirectory()?.groups ?? []);
    return { ...(userId ? { userId } : {}), groups };
  }

  /** The policy in force: the last good signed policy, else the built-in default. */
  policy(): { document: PolicyDocument; version?: number } {
    const signed = this.sync.policy();
    return signed ? { document: signed.policy, version: signed.version } : { document: defaultPolicy() };
  }

  /** The shared engine with the policy's tenant detectors, rebuilt only when the policy changes. */
  scanner(): Scanner {
    const { document, version } = this.policy();
    const key = String(version ?? 'default');
    if (this.scannerFor?.key !== key) {
      let extraPasses: ReturnType<typeof compileTenantDetectors> = [];
      try {
        extraPasses = compileTenantDetectors(document.detectors);
      } catch (e) {
        this.log(`tenant detectors not applied: ${(e as Error).message}`);
      }
      this.scannerFor = { key, scanner: createScanner({ recognizers: RECOGNIZERS, classifiers: CLASSIFIERS, extraPasses }) };
    }
    return this.scannerFor.scanner;
  }

  /** Queues an event durably (metadata only, see `makeEvent`); when this returns it is on disk. */
  record(input: EventInput): ClientEvent {
    const e = this.sync.enrollment();
    const event = makeEvent(input, e?.enrollment.valueHashKey, this.policy().document.privacy.tier);
    this.journal.add(event);
    return event;
  }

  /** Pauses protection (the clipboard guard) until `until`, with the user's reason. */
  pause(minutes: number, justification: string, now = Date.now()): void {
    this.pausedUntil = now + minutes * 60_000;
    this.pauseJustification = justification;
    this.log(`protection paused for ${minutes} min: ${justification}`);
  }

  resume(): void {
    this.pausedUntil = 0;
  }

  paused(now = Date.now()): boolean {
    return now < this.pausedUntil;
  }

  /** One sync round and, when enrolled, a heartbeat. Never throws. */
  /**
   * New notices for this device's user since the last one shown: each as a notification (at most
   * three, then one line for the rest), then remembered so none is shown twice.
   */
  private async showNotices(serverUrl: string, credential: string, notify: Notifier): Promise<void> {
    const after = this.state.readNotices()?.after ?? 0;
    const { notices } = await fetchNotices(serverUrl, credential, after);
    if (!notices.length) return;
    for (const n of notices.slice(0, MAX_NOTIFICATIONS)) {
      const title = n.kind === 'justification_denied' ? 'Daylight: request declined' : 'Daylight: request approved';
      notify(title, n.app ? `${n.app}: ${n.message}` : n.message);
    }
    if (notices.length > MAX_NOTIFICATIONS)
      notify('Daylight', `${notices.length - MAX_NOTIFICATIONS} more messages from your administrators`);
    this.state.writeNotices({ v: 1, after: Math.max(after, ...notices.map((n) => n.seq)) });
  }

  async syncNow(): Promise<void> {
    await this.sync.round();
    const e = this.sync.enrollment();
    if (!e) return;
    try {
      await this.sync.sendHeartbeat(e, this.heartbeat());
    } catch (err) {
      this.log(`heartbeat not sent: ${(err as Error).message}`);
    }
    if (this.notifier) {
      try {
        await this.showNotices(e.serverUrl, e.enrollment.credential, this.notifier);
      } catch (err) {
        this.log(`notices not fetched: ${(err as Error).message}`);
      }
    }
  }

  heartbeat(now = new Date()): Heartbeat {
    const version = this.policy().version;
    return {
      at: now.toISOString(),
      surface: 'desktop',
      versions: { product: PRODUCT.version, ...(version ? { policyVersion: version } : {}) },
      agent: {
        os: agentOs(),
        clipboardGuard: this.coverage.clipboardGuard && !this.paused(now.getTime()),
        browsers: this.coverage.browsers.slice(0, 64),
        apps: this.coverage.apps.slice(0, 512),
      },
    };
  }

  snapshot(now = Date.now()): AgentState {
    const e = this.sync.enrollment();
    const version = this.policy().version;
    return {
      enrolled: e !== undefined,
      ...(e ? { deviceId: e.enrollment.deviceId } : {}),
      ...(version ? { policyVersion: version } : {}),
      queue: this.journal.stats(),
      paused: this.paused(now) ? { until: new Date(this.pausedUntil).toISOString(), justification: this.pauseJustification } : null,
    };
  }

  close(): void {
    this.journal.close();
    this.unlock();
  }
}
