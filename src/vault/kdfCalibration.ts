import { pbkdf2Sha512Sync, randomBytes } from '../crypto/index.js';
import { CofferError } from '../contract/index.js';

/** OWASP Password Storage Cheat Sheet (2023): PBKDF2-HMAC-SHA512 needs at least 210,000 iterations. */
export const PBKDF2_MIN_ITERATIONS = 210_000;
/**
 * The most iterations a slot may ask for. Calibration to 250 ms gives 100,000–600,000 on today's laptops
 * (the floor wins on slow ones); this ceiling is 16× the fastest of those and still opens in about 20 s
 * on our 2.8 GHz CI cores (~500,000 iterations/s). A slot above it was edited to hang unlock (2e9 ran for
 * hours) or to crash it (Node refuses counts above 2^31 − 1), so it is refused before any work.
 */
export const PBKDF2_MAX_ITERATIONS = 10_000_000;
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
  return Math.min(PBKDF2_MAX_ITERATIONS, Math.max(PBKDF2_MIN_ITERATIONS, iterations));
}

/** Refuses an iteration count above the ceiling (or not a count at all) before anything is derived with it. */
export function ensureAffordableIterations(iterations: number, what: string): void {
  if (!Number.isSafeInteger(iterations) || iterations > PBKDF2_MAX_ITERATIONS) {
    throw new CofferError(
      'VAULT_KDF_TOO_EXPENSIVE',
      `${what} asks for ${iterations} PBKDF2 iterations, above the ceiling of ${PBKDF2_MAX_ITERATIONS} that Coffer ever uses`,
    );
  }
}

export interface KdfChoice {
  /** Calibration target; ignored when `iterations` is given. */
  kdfTargetMs?: number;
  /** A fixed count, for tests that create many vaults; raised to the floor if below it. */
  iterations?: number;
}

export function chooseIterations(choice: KdfChoice): number {
  const iterations = Math.max(PBKDF2_MIN_ITERATIONS, choice.iterations ?? calibratePbkdf2Iterations(choice.kdfTargetMs));
  ensureAffordableIterations(iterations, 'the requested key derivation');
  return iterations;
}
