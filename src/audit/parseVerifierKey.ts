import { ED25519_PUBLIC_KEY_LENGTH } from '../crypto/index.js';
import { AuditError } from './errors.js';
import { keyIdHex } from './keyIdHex.js';
import { noteKeyId } from './noteKeyId.js';
import { splitKeyString } from './splitKeyString.js';

/** A known key whose signatures on notes are checked: Ed25519 public key with its C2SP name and key id. */
export interface NoteVerifier {
  name: string;
  /** uint32 key id: first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ publicKey), big-endian. */
  keyId: number;
  publicKey: Buffer;
}

/** Parses a C2SP verifier key string `name+hex(key id)+base64(0x01 ‖ public key)`; AUDIT_BAD_KEY otherwise. */
export function parseVerifierKey(text: string): NoteVerifier {
  const { name, keyId, key } = splitKeyString(text, ED25519_PUBLIC_KEY_LENGTH);
  // Ensure the key id belongs to this name and key, so a signature line cannot be matched to a wrong key.
  const expected = noteKeyId(name, key);
  if (expected !== keyId) {
    throw new AuditError('AUDIT_BAD_KEY', `expected key id ${keyIdHex(expected)} for this key, found ${keyIdHex(keyId)}`);
  }
  return { name, keyId, publicKey: Buffer.from(key) };
}
