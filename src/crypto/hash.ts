import * as nodeCrypto from 'node:crypto';
import { createHash, createHmac } from 'node:crypto';
import { CofferError } from '../contract/errors.js';

export const SHA256_LENGTH = 32;

// Inputs up to this size are hashed in one call: copied into one reused buffer when given in parts.
// Larger ones stream through a Hash object rather than being copied.
const ONE_SHOT_LIMIT = 64 * 1024;

// crypto.hash (Node ≥ 20.12, the package's engines floor) hashes in one call. Asked for a 'binary'
// (latin1: one character per byte) string, it skips the Buffer the binding would allocate, which costs
// more than hashing a small input: measured here about 2× faster per call than a Buffer digest or a Hash
// object, with the copy into a pooled Buffer included. Older Node gets the Hash object.
const digestLatin1: (data: Uint8Array) => string =
  typeof nodeCrypto.hash === 'function'
    ? (data) => nodeCrypto.hash('sha256', data, 'binary')
    : (data) => createHash('sha256').update(data).digest('binary');

let joined = new Uint8Array(1024);

/** SHA-256 (FIPS 180-4) of the concatenation of the given parts, as a new Buffer. */
export function sha256(...parts: Uint8Array[]): Buffer {
  if (parts.length === 1) return Buffer.from(digestLatin1(parts[0] as Uint8Array), 'latin1');
  let total = 0;
  for (const part of parts) total += part.length;
  if (total > ONE_SHOT_LIMIT) {
    const hash = createHash('sha256');
    for (const part of parts) hash.update(part);
    return hash.digest();
  }
  if (joined.length < total) joined = new Uint8Array(Math.max(total, joined.length * 2));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  const digest = digestLatin1(joined.subarray(0, total));
  // Keep no copy of what was hashed: a caller may one day hash a secret in parts.
  joined.fill(0, 0, total);
  return Buffer.from(digest, 'latin1');
}

/**
 * SHA-256 (FIPS 180-4) of the UTF-8 bytes of `text`, as 64 lower-case hex digits: one call into the
 * binding with the string itself, so no Buffer is made for the input or the digest (statement entry
 * identities hash one short string per booking).
 */
export const sha256Hex: (text: string) => string =
  typeof nodeCrypto.hash === 'function'
    ? (text) => nodeCrypto.hash('sha256', text, 'hex')
    : (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * SHA-256 of `data` written into `target` at `offset` (32 bytes), allocating no Buffer: for loops that
 * hash millions of tree nodes into one preallocated array.
 */
export function sha256Into(data: Uint8Array, target: Uint8Array, offset: number): void {
  if (!Number.isInteger(offset) || offset < 0 || offset + SHA256_LENGTH > target.length) {
    throw new CofferError('CRYPTO_BAD_INPUT', `expected room for ${SHA256_LENGTH} bytes at offset ${offset}, found a target of ${target.length} bytes`);
  }
  const digest = digestLatin1(data);
  for (let i = 0; i < SHA256_LENGTH; i++) target[offset + i] = digest.charCodeAt(i);
}

/** HMAC-SHA256 (FIPS 198-1) of the concatenation of the given parts. */
export function hmacSha256(key: Uint8Array, ...parts: Uint8Array[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}
