import { AuditError } from './errors.js';
import { decodeBase64 } from './decodeBase64.js';
import { isValidKeyName } from './isValidKeyName.js';
import { ED25519_SIGNATURE_TYPE } from './noteConstants.js';

const KEY_ID_HEX = /^[0-9a-f]{8}$/;

/** The parts of `name+hexkeyid+base64(0x01 ‖ key)`, checked for syntax; the key id is not yet compared. */
export interface KeyStringParts {
  name: string;
  keyId: number;
  key: Buffer;
}

/**
 * Splits a verifier or signer key string. Base64 may contain "+" but a name may not, so only the
 * first two "+" separate fields. Errors never quote the string: for a signer it holds the seed.
 */
export function splitKeyString(text: string, keyLength: number): KeyStringParts {
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  // Ensure the three fields exist.
  if (second < 0) throw new AuditError('AUDIT_BAD_KEY', 'expected name+keyid+key, found fewer than three fields');
  const name = text.slice(0, first);
  const keyIdHex = text.slice(first + 1, second);
  const typedKey = decodeBase64(text.slice(second + 1));
  // Ensure each field is well formed and the key is Ed25519.
  if (!isValidKeyName(name)) throw new AuditError('AUDIT_BAD_KEY', 'expected a key name without spaces or "+", found another');
  if (!KEY_ID_HEX.test(keyIdHex)) throw new AuditError('AUDIT_BAD_KEY', 'expected a key id of 8 lowercase hex digits, found another');
  if (typedKey === undefined) throw new AuditError('AUDIT_BAD_KEY', 'expected the key as padded standard base64, found another text');
  if (typedKey.length !== 1 + keyLength || typedKey[0] !== ED25519_SIGNATURE_TYPE) {
    throw new AuditError(
      'AUDIT_BAD_KEY',
      `expected an Ed25519 key (type 0x01 and ${keyLength} bytes), found type ${typedKey[0]} and ${typedKey.length - 1} bytes`,
    );
  }
  return { name, keyId: Number.parseInt(keyIdHex, 16), key: typedKey.subarray(1) };
}
