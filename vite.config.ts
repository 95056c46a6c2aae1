import { crx } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';
import manifest from './extension/manifest.config.ts';

// Builds the MV3 extension into dist/extension/. The content script is a standalone IIFE: no
// loader and no web-accessible chunk, so it runs synchronously at document_start.
export default defineConfig({
  root: 'extension',
  build: {
    outDir: '../dist/extension',
    emptyOutDir: true,
    minify: true,
    sourcemap: false,
    // Pages not referenced by the manifest itself (the block page is reached by redirect).
    rollupOptions: { input: { blocked: 'extension/ui/blocked/index.html' } },
  },
  plugins: [crx({ manifest, contentScripts: { standaloneFiles: ['content/index.ts'] } })],
});
