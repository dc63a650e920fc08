import { defineConfig } from '@playwright/test';

// e2e: the built renderer served by the real sync server, driven in Debian's
// Chromium. Each test starts its own server (fresh PGlite dir) and its own
// throwaway browser profiles (test/e2e/fixtures.ts), so tests are independent.
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
