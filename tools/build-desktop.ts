/**
 * `npm run build:desktop`: bundles the desktop agent with esbuild.
 *
 * - `dist/desktop-agent/daylight-agent.mjs`: the headless agent (`desktop/core/cli.ts`) as one ES
 *   module for Node >= 20 (`node dist/desktop-agent/daylight-agent.mjs status`).
 * - `dist/desktop-app/`: the Electron tray app as electron-builder packages it
 *   (`desktop/electron/electron-builder.json`): `main.js` (ESM, `electron` external),
 *   `preload.cjs` (sandboxed preloads must be CommonJS), `renderer/justify.{html,js}`.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const at = (p: string) => resolve(root, p);
const common = { bundle: true, logLevel: 'warning', legalComments: 'none', sourcemap: false } as const;

await build({
  ...common,
  entryPoints: [at('desktop/core/cli.ts')],
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outfile: at('dist/desktop-agent/daylight-agent.mjs'),
  banner: { js: '#!/usr/bin/env node' },
});
await build({
  ...common,
  entryPoints: [at('desktop/electron/main.ts')],
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: ['electron'],
  outfile: at('dist/desktop-app/main.js'),
});
await build({
  ...common,
  entryPoints: [at('desktop/electron/preload.ts')],
  platform: 'node',
  format: 'cjs',
  external: ['electron'],
  outfile: at('dist/desktop-app/preload.cjs'),
});
await build({
  ...common,
  entryPoints: [at('desktop/electron/renderer/justify.ts')],
  platform: 'browser',
  format: 'iife',
  outfile: at('dist/desktop-app/renderer/justify.js'),
});
mkdirSync(at('dist/desktop-app/renderer'), { recursive: true });
copyFileSync(at('desktop/electron/renderer/justify.html'), at('dist/desktop-app/renderer/justify.html'));
console.log('desktop: dist/desktop-agent/daylight-agent.mjs, dist/desktop-app/{main.js,preload.cjs,renderer/}');
