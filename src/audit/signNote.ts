import { ED25519_SEED_LENGTH, ed25519PublicKeyFromSeed, ed25519Sign } from '../crypto/index.js';
import { AuditError } from './errors.js';
import { isValidKeyName } from './isValidKeyName.js';
import { isValidNoteText } from './isValidNoteText.js';
import { KEY_ID_LENGTH, MAX_NOTE_LENGTH, SIGNATURE_LINE_PREFIX } from './noteConstants.js';
import { noteKeyId } from './noteKeyId.js';
import type { NoteSigner } from './parseSignerKey.js';

/**
 * C2SP signed note: `text`, a blank line, and one signature line
 * `— <name> base64(key id ‖ Ed25519 signature of text)`. Ed25519 is deterministic, so the same text
 * and key always give the same note. Refuses text that {@link openNote} would refuse (AUDIT_BAD_NOTE).
 */
export function signNote(text: string, signer: NoteSigner): string {
  // Ensure the text can be opened again: non-empty, newline-terminated, UTF-8 without controls.
  if (!text.endsWith('\n') || !isValidNoteText(text) || text.length > MAX_NOTE_LENGTH) {
    throw new AuditError('AUDIT_BAD_NOTE', 'expected note text ending in a newline, in UTF-8 without control characters, found other text');
  }
  // Ensure the key can be named in a signature line and is an Ed25519 seed.
  if (!isValidKeyName(signer.name)) throw new AuditError('AUDIT_BAD_KEY', 'expected a key name without spaces or "+", found another');
  if (signer.seed.length !== ED25519_SEED_LENGTH) {
    throw new AuditError('AUDIT_BAD_KEY', `expected a ${ED25519_SEED_LENGTH}-byte seed, found ${signer.seed.length} bytes`);
  }
  const keyId = Buffer.alloc(KEY_ID_LENGTH);
  keyId.writeUInt32BE(noteKeyId(signer.name, ed25519PublicKeyFromSeed(signer.seed)));
  const signature = ed25519Sign(signer.seed, Buffer.from(text, 'utf8'));
  return `${text}\n${SIGNATURE_LINE_PREFIX}${signer.name} ${Buffer.concat([keyId, signature]).toString('base64')}\n`;
}
