import { sha256 } from '../crypto/index.js';
import { ED25519_SIGNATURE_TYPE } from './noteConstants.js';

/** C2SP signed-note §Ed25519 signatures: key id = SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4], as uint32. */
export function noteKeyId(name: string, publicKey: Uint8Array): number {
  return sha256(Buffer.from(`${name}\n`, 'utf8'), Uint8Array.of(ED25519_SIGNATURE_TYPE), publicKey).readUInt32BE(0);
}
