import { defineConfig } from '@playwright/test';

/*
 * End-to-end tests of the desktop shell (e2e/desktop/). Each test starts the real shell — the same
 * startAppShell that `coffer app` runs, or `bin/coffer app` itself — on Debian's Chromium under a private
 * Xvfb, so they need no DISPLAY and no TTY. `make test` runs them after the unit tests.
 */
export default defineConfig({
  testDir: 'e2e/desktop',
  testMatch: '*.spec.ts',
  globalSetup: './e2e/desktop/globalSetup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Two cores: one Chromium per worker.
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/desktop',
});
