import { ED25519_PUBLIC_KEY_LENGTH } from '../crypto/index.js';
import { AuditError } from './errors.js';
import { isValidKeyName } from './isValidKeyName.js';
import { keyIdHex } from './keyIdHex.js';
import { ED25519_SIGNATURE_TYPE } from './noteConstants.js';
import { noteKeyId } from './noteKeyId.js';

/** C2SP signed-note verifier key string: `name+hex(key id)+base64(0x01 ‖ Ed25519 public key)`. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  // Ensure the key can be named in a signature line and is an Ed25519 public key.
  if (!isValidKeyName(name)) throw new AuditError('AUDIT_BAD_KEY', 'expected a key name without spaces or "+", found another');
  if (publicKey.length !== ED25519_PUBLIC_KEY_LENGTH) {
    throw new AuditError('AUDIT_BAD_KEY', `expected a ${ED25519_PUBLIC_KEY_LENGTH}-byte public key, found ${publicKey.length} bytes`);
  }
  const keyId = keyIdHex(noteKeyId(name, publicKey));
  const typedKey = Buffer.concat([Uint8Array.of(ED25519_SIGNATURE_TYPE), publicKey]).toString('base64');
  return `${name}+${keyId}+${typedKey}`;
}
