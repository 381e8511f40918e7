import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { CofferError } from '../contract/errors.js';

/** Ed25519 (RFC 8032, FIPS 186-5) over raw 32-byte seeds and public keys. */
export const ED25519_SEED_LENGTH = 32;
export const ED25519_PUBLIC_KEY_LENGTH = 32;
export const ED25519_SIGNATURE_LENGTH = 64;

// RFC 8410 §7 DER prefixes that wrap a raw key as PKCS#8 / SubjectPublicKeyInfo.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface Ed25519KeyPair {
  seed: Buffer;
  publicKey: Buffer;
}

export function generateEd25519KeyPair(): Ed25519KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
  return { seed: Buffer.from(seed), publicKey: Buffer.from(raw) };
}

function privateKeyFromSeed(seed: Uint8Array) {
  if (seed.length !== ED25519_SEED_LENGTH) {
    throw new CofferError('CRYPTO_BAD_KEY', `an Ed25519 seed is ${ED25519_SEED_LENGTH} bytes, got ${seed.length}`);
  }
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function ed25519PublicKeyFromSeed(seed: Uint8Array): Buffer {
  const der = createPublicKey(privateKeyFromSeed(seed)).export({ format: 'der', type: 'spki' });
  return Buffer.from(der.subarray(SPKI_PREFIX.length));
}

export function ed25519Sign(seed: Uint8Array, message: Uint8Array): Buffer {
  return sign(null, message, privateKeyFromSeed(seed));
}

/**
 * A signer holding its key imported once, for a long-lived process that signs with one key again and again
 * (the gateway's bank key). Importing a seed (createPrivateKey) costs several times the signature itself.
 * The caller decides how long the key lives in memory: the app's keys, zeroized on lock, never come here.
 */
export function ed25519Signer(seed: Uint8Array): (message: Uint8Array) => Buffer {
  const key = privateKeyFromSeed(seed);
  return (message) => sign(null, message, key);
}

/** Public keys imported recently, by their raw bytes (hex): at most this many are kept. */
const IMPORTED_KEYS_KEPT = 4096;
const importedPublicKeys = new Map<string, KeyObject>();

/**
 * The KeyObject of a raw public key, imported once: the gateway verifies every request of a device with the
 * same key, and the import (createPublicKey) cost more than the verification itself. A key is a function of
 * its bytes, so nothing is ever stale here; which device a key belongs to, and whether it is revoked, is the
 * caller's to know (the gateway reads the revocation at every request's nonce commit).
 */
function importedPublicKey(publicKey: Uint8Array): KeyObject {
  const name = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString('hex');
  let key = importedPublicKeys.get(name);
  if (key === undefined) {
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
    // Oldest first out (a Map keeps insertion order): a flood of unknown keys cannot grow the map.
    if (importedPublicKeys.size >= IMPORTED_KEYS_KEPT) importedPublicKeys.delete(importedPublicKeys.keys().next().value as string);
    importedPublicKeys.set(name, key);
  }
  return key;
}

/** Returns false for any malformed key or signature instead of throwing: a verifier never trusts input. */
export function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== ED25519_PUBLIC_KEY_LENGTH || signature.length !== ED25519_SIGNATURE_LENGTH) return false;
  try {
    return verify(null, message, importedPublicKey(publicKey), signature);
  } catch {
    return false;
  }
}
