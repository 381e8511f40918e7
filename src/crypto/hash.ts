import { createHash, createHmac } from 'node:crypto';

export const SHA256_LENGTH = 32;

/** SHA-256 of the concatenation of the given parts (FIPS 180-4). */
export function sha256(...parts: Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** HMAC-SHA256 (FIPS 198-1) of the concatenation of the given parts. */
export function hmacSha256(key: Uint8Array, ...parts: Uint8Array[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}
