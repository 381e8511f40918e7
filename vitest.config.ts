import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
    setupFiles: ['test/support/setup.ts'],
    // A guard against a hung test, never a speed check: tests that start `coffer` processes (each a Node start and
    // a full-cost key derivation) took 60 s and more at a load of 11–14 on the 2 cores of a lone-clone run.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
