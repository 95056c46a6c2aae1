import { crx } from '@crxjs/vite-plugin';
import { defineConfig, type Plugin } from 'vite';
import { manifestFor } from './extension/manifest.config.ts';

// DAYLIGHT_BROWSER=firefox builds the Firefox flavour into dist/extension-firefox/.
const target = process.env.DAYLIGHT_BROWSER === 'firefox' ? 'firefox' : 'chrome';

/**
 * Extension pages and content scripts may not evaluate strings (MV3 CSP; addons-linter flags any
 * `Function` constructor). zod probes `Function('')` and falls back to its interpreter when the
 * probe fails, and only compiles when it succeeded: every place the output uses the `Function`
 * constructor as a value becomes `void 0`, so the probe fails and the bundle holds no eval. Runs
 * after crxjs, whose content-script IIFE build takes no plugins. `Function.prototype`-style
 * property reads are left alone.
 */
const FUNCTION_VALUE = /(?<![\w$.])Function(?=\s*[(,;)])/g;

/**
 * The content script's engine part (content/engine-api.ts) is injected at document_idle, which on
 * a page that loads fast is right after DOMContentLoaded, before the load event. Its evaluation
 * (building the classifier and the zod schemas) is wrapped to run in the page's first idle period
 * instead (at most 2 s later), so it never delays the page's own start-up. Until then the guard
 * holds pastes and sends.
 */
const ENGINE_FILE = 'content/engine.js';
function whenIdle(code: string): string {
  return `(()=>{const run=()=>{${code}\n};typeof requestIdleCallback==='function'?requestIdleCallback(run,{timeout:2000}):setTimeout(run,0)})();\n`;
}
function noEval(): Plugin {
  return {
    name: 'daylight-no-eval',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (!file.fileName.endsWith('.js')) continue;
        const fix = (code: string): string => {
          const out = code.replace(FUNCTION_VALUE, 'Reflect.apply');
          return file.fileName === ENGINE_FILE ? whenIdle(out) : out;
        };
        if (file.type === 'chunk') file.code = fix(file.code);
        else if (typeof file.source === 'string') file.source = fix(file.source);
      }
    },
  };
}

// Builds the MV3 extension into dist/extension/. The content scripts are standalone IIFEs: no
// loader and no web-accessible chunk, so the guard runs synchronously at document_start (the
// engine part follows at document_idle, content/engine-api.ts).
export default defineConfig({
  root: 'extension',
  build: {
    outDir: target === 'firefox' ? '../dist/extension-firefox' : '../dist/extension',
    emptyOutDir: true,
    minify: true,
    sourcemap: false,
    // Pages not referenced by the manifest itself (the block page is reached by redirect).
    rollupOptions: { input: { blocked: 'extension/ui/blocked/index.html' } },
  },
  plugins: [
    crx({ manifest: manifestFor(target), browser: target, contentScripts: { standaloneFiles: ['content/index.ts', 'content/engine.ts'] } }),
    noEval(),
  ],
});
