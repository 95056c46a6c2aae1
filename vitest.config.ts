import { defineConfig } from 'vitest/config';

// Two projects: unit tests sit beside their source; integration tests live in test/integration and
// get a throwaway PostgreSQL cluster from the global setup.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{shared,extension,desktop,server,tools}/**/*.test.ts', 'test/architecture/**/*.test.ts'],
          environment: 'node',
          // Opening embedded PGlite (WASM) takes seconds on a loaded 2-core machine.
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/harness/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
