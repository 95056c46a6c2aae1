import type { ClientEvent } from '../../../shared/contracts/events.ts';
import { effectiveCatalog } from '../../../shared/policy/catalog.ts';
import { decideApp, type PolicyDocument } from '../../../shared/policy/index.ts';
import type { EventInput } from '../events.ts';
import type { Discovered } from './index.ts';

/**
 * Turns discovery results into usage events: one `visit` each time an AI app, CLI or local server
 * is seen starting to run (not on every scan), with surface `cli` for command-line tools and
 * `desktop` otherwise, and the decision the tenant's app rules give it. Installed-but-idle software
 * is reported in the heartbeat only.
 */
export class DiscoveryReporter {
  private running = new Set<string>();

  constructor(
    private readonly deps: {
      policy(): PolicyDocument;
      /** The user and groups app rules are decided for. */
      subject?(): { userId?: string; groups: string[] };
      record(e: EventInput): ClientEvent;
    },
  ) {}

  report(found: readonly Discovered[]): ClientEvent[] {
    const policy = this.deps.policy();
    const catalog = effectiveCatalog(policy);
    const subject = this.deps.subject?.();
    const now = new Set<string>();
    const out: ClientEvent[] = [];
    for (const d of found) {
      if (!d.running) continue;
      const key = `${d.app}/${d.kind}`;
      now.add(key);
      const app = catalog.find((a) => a.id === d.app);
      // Apps the tenant removed from its catalog are not AI apps for it.
      if (this.running.has(key) || !app) continue;
      const decision = decideApp(policy, { appId: d.app, category: app.category, ...subject });
      out.push(
        this.deps.record({
          app: d.app,
          host: 'localhost',
          surface: d.kind === 'cli' ? 'cli' : 'desktop',
          action: 'visit',
          decision: decision.action,
        }),
      );
    }
    this.running = now;
    return out;
  }
}
