import { pbkdf2, pbkdf2Sync } from 'node:crypto';
import { CofferError } from '../contract/errors.js';

/** PBKDF2 with HMAC-SHA512 (NIST SP 800-132); OWASP 2023 asks for at least 210,000 iterations. */
export const PBKDF2_DIGEST = 'sha512';

function ensureParameters(salt: Uint8Array, iterations: number, length: number): void {
  // Ensure the parameters are sane before spending CPU on them.
  if (!Number.isSafeInteger(iterations) || iterations < 1) {
    throw new CofferError('CRYPTO_BAD_INPUT', `PBKDF2 iterations must be a positive integer, got ${iterations}`);
  }
  if (salt.length === 0) throw new CofferError('CRYPTO_BAD_INPUT', 'PBKDF2 salt must not be empty');
  if (length < 1) throw new CofferError('CRYPTO_BAD_INPUT', `PBKDF2 output length must be positive, got ${length}`);
}

/** Derives `length` bytes from a password without blocking the event loop. */
export function pbkdf2Sha512(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  length: number,
): Promise<Buffer> {
  ensureParameters(salt, iterations, length);
  return new Promise((resolve, reject) => {
    pbkdf2(password, salt, iterations, length, PBKDF2_DIGEST, (error, key) => {
      if (error) reject(new CofferError('CRYPTO_BAD_INPUT', 'PBKDF2 failed', { cause: error }));
      else resolve(key);
    });
  });
}

/** Synchronous form, for calibration loops where the event loop has nothing else to do. */
export function pbkdf2Sha512Sync(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  length: number,
): Buffer {
  ensureParameters(salt, iterations, length);
  return pbkdf2Sync(password, salt, iterations, length, PBKDF2_DIGEST);
}
