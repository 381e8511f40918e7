import { pbkdf2Sha512Sync, randomBytes } from '../crypto/index.js';

/** OWASP Password Storage Cheat Sheet (2023): PBKDF2-HMAC-SHA512 needs at least 210,000 iterations. */
export const PBKDF2_MIN_ITERATIONS = 210_000;
export const DEFAULT_KDF_TARGET_MS = 250;
const PROBE_ITERATIONS = 20_000;

/**
 * Picks an iteration count that takes about `targetMs` on this machine, never below the floor. Measures
 * a few probes and keeps the fastest, because a busy machine only ever makes a probe slower.
 */
export function calibratePbkdf2Iterations(targetMs = DEFAULT_KDF_TARGET_MS): number {
  const salt = randomBytes(16);
  let fastestMs = Number.POSITIVE_INFINITY;
  for (let probe = 0; probe < 3; probe++) {
    const started = process.hrtime.bigint();
    pbkdf2Sha512Sync(Buffer.from('calibration'), salt, PROBE_ITERATIONS, 64);
    fastestMs = Math.min(fastestMs, Number(process.hrtime.bigint() - started) / 1e6);
  }
  const iterations = Math.round((PROBE_ITERATIONS * targetMs) / Math.max(fastestMs, 0.001) / 1000) * 1000;
  return Math.max(PBKDF2_MIN_ITERATIONS, iterations);
}

export interface KdfChoice {
  /** Calibration target; ignored when `iterations` is given. */
  kdfTargetMs?: number;
  /** A fixed count, for tests that create many vaults; raised to the floor if below it. */
  iterations?: number;
}

export function chooseIterations(choice: KdfChoice): number {
  return Math.max(PBKDF2_MIN_ITERATIONS, choice.iterations ?? calibratePbkdf2Iterations(choice.kdfTargetMs));
}
