import { defineConfig } from '@playwright/test';

// Browser end-to-end tests: real Chromium, the built extension (`npm run build` first), fake AI
// sites over HTTPS. One worker per core keeps 2-core machines from thrashing.
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
});
