import { defineConfig } from 'vitest/config';

// Unit, property and server tests. e2e runs under Playwright (playwright.config.ts).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', include: ['test/shared/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'main', include: ['test/main/**/*.test.ts'], environment: 'node' } },
      // Renderer data layer: real RxDB + Dexie storage over fake-indexeddb, real HTTP where sync is tested.
      { test: { name: 'renderer', include: ['test/renderer/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 60_000 } },
      {
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/server/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
