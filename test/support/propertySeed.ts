/**
 * Property tests (fast-check) run from one fixed seed, so CI is reproducible and a red run can be
 * replayed; `FC_SEED=<integer>` picks another to explore. Every `fc.assert` of the run uses the seed
 * as given (not advanced between properties), so a failure replays from the file alone. The number of
 * runs stays each property's own. A failure's message names the seed and the command that reruns it.
 */
import fc from 'fast-check';
import path from 'node:path';
import { expect } from 'vitest';

/** The seed when FC_SEED is unset: RFC 9162's number, for nothing but being fixed. */
export const DEFAULT_FC_SEED = 9162;

function readSeed(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_FC_SEED;
  const seed = Number(text);
  // Ensure the seed is one fast-check uses as given: a 32-bit signed integer.
  if (!/^-?\d+$/.test(text) || seed !== (seed | 0)) {
    throw new Error(`FC_SEED: expected a 32-bit integer, found ${JSON.stringify(text)}`);
  }
  return seed;
}

export const fcSeed = readSeed(process.env.FC_SEED);

function rerunHint(seed: number): string {
  const file = expect.getState().testPath;
  const where = file ? path.relative(process.cwd(), file) : '<test file>';
  return [
    '',
    `fast-check seed: ${seed} (${process.env.FC_SEED ? 'from FC_SEED' : `the fixed default; FC_SEED was not set`})`,
    `rerun it: FC_SEED=${seed} npx vitest run ${where}`,
  ].join('\n');
}

fc.configureGlobal({ seed: fcSeed });

// The setup file runs once per test file, but a worker process may keep one fast-check instance across
// files: install the reporting plugin once per instance.
const INSTALLED = Symbol.for('coffer.propertySeed.installedIn');
const installedIn = ((globalThis as Record<symbol, WeakSet<object> | undefined>)[INSTALLED] ??= new WeakSet<object>());
if (!installedIn.has(fc.installGlobalPlugin)) {
  installedIn.add(fc.installGlobalPlugin);
  fc.installGlobalPlugin(() => ({
    onAllRunsComplete: function reportSeed(details) {
      if (!details.failed) return;
      throw new Error(`${fc.defaultReportMessage(details)}${rerunHint(details.seed)}`, { cause: details.errorInstance });
    },
  }));
}
