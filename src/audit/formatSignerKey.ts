import { ED25519_SEED_LENGTH, ed25519PublicKeyFromSeed } from '../crypto/index.js';
import { AuditError } from './errors.js';
import { isValidKeyName } from './isValidKeyName.js';
import { keyIdHex } from './keyIdHex.js';
import { ED25519_SIGNATURE_TYPE, SIGNER_KEY_PREFIX } from './noteConstants.js';
import { noteKeyId } from './noteKeyId.js';
import type { NoteSigner } from './parseSignerKey.js';

/** Signer key string `PRIVATE+KEY+name+hex(key id)+base64(0x01 ‖ seed)`; it holds the seed, so treat it as one. */
export function formatSignerKey(signer: NoteSigner): string {
  // Ensure the key can be named in a signature line and the seed is an Ed25519 seed.
  if (!isValidKeyName(signer.name)) throw new AuditError('AUDIT_BAD_KEY', 'expected a key name without spaces or "+", found another');
  if (signer.seed.length !== ED25519_SEED_LENGTH) {
    throw new AuditError('AUDIT_BAD_KEY', `expected a ${ED25519_SEED_LENGTH}-byte seed, found ${signer.seed.length} bytes`);
  }
  const keyId = keyIdHex(noteKeyId(signer.name, ed25519PublicKeyFromSeed(signer.seed)));
  const typedSeed = Buffer.concat([Uint8Array.of(ED25519_SIGNATURE_TYPE), signer.seed]).toString('base64');
  return `${SIGNER_KEY_PREFIX}${signer.name}+${keyId}+${typedSeed}`;
}
