/**
 * `npm run bench [-- SECTION...]`: prints performance figures. Sections: classifier, bundle, peers, server, agent, browser, anomaly, dashboard.
 * Figures are for comparison between runs on the same machine; nothing here passes or fails.
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { benchAgent } from '../../desktop/core/bench/agent.ts';
import { benchAnomaly } from './anomaly.ts';
import { benchBundle } from './bundle.ts';
import { benchClassifier } from './classifier.ts';
import { benchDashboard } from './dashboard.ts';
import { benchPeers } from './peers.ts';
import { benchServer } from './server.ts';

const SECTIONS: Record<string, () => unknown> = {
  classifier: benchClassifier,
  bundle: benchBundle,
  peers: benchPeers,
  server: benchServer,
  agent: benchAgent,
  // Drives Chromium with the built extension and the fake AI sites (test/), so it runs as its own process.
  browser: () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, '../../test/bench/browser.ts')], {
      stdio: 'inherit',
    });
    if (r.status !== 0) console.log(`browser bench failed (exit ${r.status})`);
  },
  anomaly: benchAnomaly,
  dashboard: benchDashboard,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in SECTIONS));
if (unknown.length) {
  console.error(`bench: unknown section ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}`);
  process.exit(2);
}
console.log(`Daylight benchmarks on ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), Node ${process.version}`);
for (const [name, run] of Object.entries(SECTIONS)) {
  if (wanted.length && !wanted.includes(name)) continue;
  await run();
}
