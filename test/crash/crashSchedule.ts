import type { CrashChild } from './crashChildProcess.js';
import { mulberry32 } from '../../src/app/demo/mulberry32.js';

/**
 * When to kill. The delays come from a seeded generator and every test logs its seed, so a failing run
 * can be replayed with COFFER_CRASH_SEED=<seed> (the same delays; the machine's speed decides the rest).
 * COFFER_CRASH_ITERATIONS raises the number of kills per test for a long soak.
 */
export const DEFAULT_CRASH_ITERATIONS = 6;

function positiveIntegerFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, found ${raw}`);
  return value;
}

export function crashIterations(): number {
  return positiveIntegerFromEnv('COFFER_CRASH_ITERATIONS') ?? DEFAULT_CRASH_ITERATIONS;
}

/** A timeout that grows with the iteration count: each kill costs a child start, a few KDFs and a check. */
export function timeoutFor(iterations: number, perIterationMs: number): number {
  return 60_000 + iterations * perIterationMs;
}

export interface CrashSchedule {
  seed: number;
  /** A whole number of milliseconds in [0, maxMs]. */
  delayMs(maxMs: number): number;
}


export function crashSchedule(testName: string): CrashSchedule {
  const seed = positiveIntegerFromEnv('COFFER_CRASH_SEED') ?? Math.floor(Math.random() * 2 ** 31) + 1;
  console.log(`[crash] ${testName}: seed ${seed} (replay with COFFER_CRASH_SEED=${seed})`);
  const next = mulberry32(seed);
  return { seed, delayMs: (maxMs) => Math.round(next() * maxMs) };
}

const AIM_TIMEOUT_MS = 60_000;

/**
 * Polls `condition` every millisecond while `child` runs: a kill aimed at a short window cannot wait for
 * an event. Gives up (with the child's stderr) if the child exits first.
 */
export async function waitWhileRunning(child: CrashChild, condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + AIM_TIMEOUT_MS;
  while (!condition()) {
    if (child.hasExited) throw new Error(`the crash child exited before ${what}; stderr: ${child.stderr}`);
    if (Date.now() > deadline) throw new Error(`waited ${AIM_TIMEOUT_MS} ms for ${what}, it did not happen`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
