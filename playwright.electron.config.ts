import { defineConfig } from '@playwright/test';
import { announceSkip, findElectronBinary } from './test/electron/electron-binary';

// Electron e2e (`npm run test:electron`): launches the built app
// (dist/main/main.cjs + dist/renderer, so run after `npm run build`) through
// Playwright's Electron support. Where no Electron binary exists the suite
// is skipped, says so plainly, and exits 0.
if (findElectronBinary() === null) announceSkip();

export default defineConfig({
  testDir: 'test/electron',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  // One Electron at a time: each test has its own profile, but two apps
  // starting at once on a 2-core machine only makes both slow.
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
