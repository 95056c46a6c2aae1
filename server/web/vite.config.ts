import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The admin dashboard (Preact + uPlot), built into dist/web/ and served by the server at /app/.
// `npm run build:web` builds it; `npm start` builds it before starting the server.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    minify: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});
