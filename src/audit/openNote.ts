import { ed25519Verify } from '../crypto/index.js';
import { AuditError } from './errors.js';
import { decodeBase64 } from './decodeBase64.js';
import { isValidKeyName } from './isValidKeyName.js';
import { isValidNoteText } from './isValidNoteText.js';
import { KEY_ID_LENGTH, MAX_NOTE_LENGTH, MAX_NOTE_SIGNATURES, SIGNATURE_LINE_PREFIX } from './noteConstants.js';
import type { NoteVerifier } from './parseVerifierKey.js';

/** A signature line's key, by name and uint32 key id. */
export interface NoteSignature {
  name: string;
  keyId: number;
}

export interface OpenedNote {
  /** The signed text, ending in a newline; trust it only because `signatures` is non-empty. */
  text: string;
  /** Signatures by known keys, each verified. */
  signatures: NoteSignature[];
  /** Signatures by unknown keys (say, a witness's cosignature), kept but not verified. */
  unverifiedSignatures: NoteSignature[];
}

/**
 * Opens a C2SP signed note (c2sp.org/signed-note). Every signature line whose name and key id match
 * a known verifier must verify (AUDIT_BAD_SIGNATURE otherwise), at least one must (AUDIT_UNKNOWN_SIGNER
 * otherwise), and signatures by unknown keys are ignored. AUDIT_BAD_NOTE for broken syntax.
 */
export function openNote(signedNote: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  // Ensure the whole note is UTF-8 without control characters, and not absurdly large.
  if (signedNote.length > MAX_NOTE_LENGTH || !isValidNoteText(signedNote)) {
    throw new AuditError('AUDIT_BAD_NOTE', 'expected a signed note in UTF-8 without control characters, found other text');
  }
  // The text ends at the last blank line; the signature block after it ends with a newline.
  const split = signedNote.lastIndexOf('\n\n');
  const block = signedNote.slice(split + 2);
  if (split < 0 || block.length === 0 || !block.endsWith('\n')) {
    throw new AuditError('AUDIT_BAD_NOTE', 'expected text, a blank line and newline-terminated signature lines, found another layout');
  }
  const text = signedNote.slice(0, split + 1);
  const message = Buffer.from(text, 'utf8');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) {
    throw new AuditError('AUDIT_BAD_NOTE', `expected at most ${MAX_NOTE_SIGNATURES} signatures, found ${lines.length}`);
  }
  const signatures: NoteSignature[] = [];
  const unverifiedSignatures: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    const { name, keyId, signature } = parseSignatureLine(line);
    // A line repeated verbatim adds nothing; a second, different signature by one key is still checked.
    if (seen.has(line)) continue;
    seen.add(line);
    const verifier = verifiers.find((known) => known.name === name && known.keyId === keyId);
    if (verifier === undefined) {
      unverifiedSignatures.push({ name, keyId });
      continue;
    }
    // Ensure a known key's signature verifies: C2SP says a client SHOULD then reject the whole note.
    if (!ed25519Verify(verifier.publicKey, message, signature)) {
      throw new AuditError('AUDIT_BAD_SIGNATURE', `expected a valid signature by ${name}, found one that does not verify`);
    }
    if (!signatures.some((known) => known.name === name && known.keyId === keyId)) signatures.push({ name, keyId });
  }
  // Ensure some known key vouches for the text: C2SP says it MUST be ignored otherwise.
  if (signatures.length === 0) {
    throw new AuditError('AUDIT_UNKNOWN_SIGNER', `expected a signature by a known key, found only ${unverifiedSignatures.length} by unknown keys`);
  }
  return { text, signatures, unverifiedSignatures };
}

function parseSignatureLine(line: string): NoteSignature & { signature: Buffer } {
  // Ensure the line is `— <name> <base64>` with a valid name and at least a key id and one byte.
  if (!line.startsWith(SIGNATURE_LINE_PREFIX)) {
    throw new AuditError('AUDIT_BAD_NOTE', 'expected a signature line starting with U+2014 and a space, found another line');
  }
  const rest = line.slice(SIGNATURE_LINE_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = space < 0 ? rest : rest.slice(0, space);
  const decoded = space < 0 ? undefined : decodeBase64(rest.slice(space + 1));
  if (!isValidKeyName(name) || decoded === undefined || decoded.length <= KEY_ID_LENGTH) {
    throw new AuditError('AUDIT_BAD_NOTE', 'expected "— <key name> <base64 key id and signature>", found a malformed signature line');
  }
  return { name, keyId: decoded.readUInt32BE(0), signature: decoded.subarray(KEY_ID_LENGTH) };
}
