/**
 * `npm run bench [-- SECTION...]`: prints performance figures. Sections: classifier, bundle, peers, server, dashboard.
 * Figures are for comparison between runs on the same machine; nothing here passes or fails.
 */
import { cpus } from 'node:os';
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
