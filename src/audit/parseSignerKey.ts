import { ED25519_SEED_LENGTH, ed25519PublicKeyFromSeed } from '../crypto/index.js';
import { AuditError } from './errors.js';
import { SIGNER_KEY_PREFIX } from './noteConstants.js';
import { noteKeyId } from './noteKeyId.js';
import { splitKeyString } from './splitKeyString.js';

/** A key that signs notes: its C2SP name and its Ed25519 seed (a secret: never log it). */
export interface NoteSigner {
  name: string;
  seed: Uint8Array;
}

/**
 * Parses a signer key string `PRIVATE+KEY+name+hex(key id)+base64(0x01 ‖ Ed25519 seed)` (the form of
 * golang.org/x/mod/sumdb/note); AUDIT_BAD_KEY otherwise. Errors never quote the string.
 */
export function parseSignerKey(text: string): NoteSigner {
  // Ensure the string announces itself as private, so a secret is never mistaken for a public key.
  if (!text.startsWith(SIGNER_KEY_PREFIX)) throw new AuditError('AUDIT_BAD_KEY', `expected a signer key starting ${SIGNER_KEY_PREFIX}, found another`);
  const { name, keyId, key } = splitKeyString(text.slice(SIGNER_KEY_PREFIX.length), ED25519_SEED_LENGTH);
  // Ensure the key id belongs to the public half of this seed.
  if (noteKeyId(name, ed25519PublicKeyFromSeed(key)) !== keyId) {
    throw new AuditError('AUDIT_BAD_KEY', 'expected the key id of this seed, found another');
  }
  return { name, seed: Buffer.from(key) };
}
