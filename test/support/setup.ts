import { beforeEach, expect } from 'vitest';
// Fixed fast-check seed, FC_SEED to override, and the rerun command on failure.
import './propertySeed.js';

interface CodedError {
  code?: unknown;
  message?: unknown;
}

function describeError(error: unknown): string {
  const coded = error as CodedError;
  return `${String(coded?.code)}: ${String(coded?.message)}`;
}

expect.extend({
  /** Asserts that a function throws (or a promise rejects with) an error carrying the given stable `code`. */
  async toThrowCode(received: unknown, code: string) {
    let thrown: unknown;
    let threw = false;
    try {
      if (typeof received === 'function') await (received as () => unknown)();
      else await received;
    } catch (error) {
      thrown = error;
      threw = true;
    }
    const pass = threw && (thrown as CodedError)?.code === code;
    return {
      pass,
      message: () =>
        threw
          ? `expected error code ${code}, got ${describeError(thrown)}`
          : `expected error code ${code}, but nothing was thrown`,
    };
  },
});

declare module 'vitest' {
  interface Assertion<T> {
    toThrowCode(code: string): Promise<T>;
  }
}

/**
 * One turn of the event loop before each test. Tests that run child processes with spawnSync block the
 * worker; with only microtask gaps between them, vitest's replies to the worker's progress reports wait
 * until the whole file is done, and a file that blocks for 60 s on a busy machine (e2e/cli.test.ts took
 * 59–67 s here) fails the run with "Timeout calling onTaskUpdate" although every test passed.
 */
beforeEach(() => new Promise<void>((resolve) => setImmediate(resolve)));
