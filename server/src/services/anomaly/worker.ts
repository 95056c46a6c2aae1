import type { Db } from '../../db/db.ts';
import { detectAnomalies, type DetectOptions } from './detect.ts';

export interface AnomalyWorkerOptions {
  /** How often detection runs for every tenant. */
  intervalMs: number;
  detect: Omit<DetectOptions, 'now'>;
}

/**
 * Runs anomaly detection for every tenant (operator machinery: the only cross-tenant query is the
 * tenant list) on a timer in the server process. Each run is incremental (detect.ts).
 */
export class AnomalyWorker {
  readonly #db: Db;
  readonly #o: AnomalyWorkerOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #stopped = false;

  constructor(db: Db, opts: Partial<AnomalyWorkerOptions> = {}) {
    this.#db = db;
    this.#o = { intervalMs: 5 * 60_000, detect: {}, ...opts };
  }

  start(): void {
    this.#stopped = false;
    const tick = () => {
      if (this.#stopped) return;
      this.#running = this.runOnce(new Date())
        .catch(() => 0)
        .finally(() => {
          if (!this.#stopped) this.#timer = setTimeout(tick, this.#o.intervalMs);
        });
    };
    this.#timer = setTimeout(tick, this.#o.intervalMs);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /** One run over every tenant; answers the number of new alerts. */
  async runOnce(now: Date): Promise<number> {
    const tenants = await this.#db.query<{ tenant_id: string }>('SELECT tenant_id FROM tenants ORDER BY tenant_id');
    let alerts = 0;
    for (const t of tenants) {
      if (this.#stopped) break;
      alerts += (await detectAnomalies(this.#db, t.tenant_id, { ...this.#o.detect, now })).alerts;
    }
    return alerts;
  }
}
