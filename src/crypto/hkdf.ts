import { hkdfSync } from 'node:crypto';
import { CofferError } from '../contract/errors.js';

/** HKDF with SHA-256 (RFC 5869, NIST SP 800-56C). */
export function hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array | string, length: number): Buffer {
  // Ensure the output fits RFC 5869 §2.3: L <= 255 * HashLen.
  if (length < 1 || length > 255 * 32) {
    throw new CofferError('CRYPTO_BAD_INPUT', `HKDF output length must be 1..8160, got ${length}`);
  }
  const infoBytes = typeof info === 'string' ? Buffer.from(info, 'utf8') : info;
  return Buffer.from(hkdfSync('sha256', ikm, salt, infoBytes, length));
}
