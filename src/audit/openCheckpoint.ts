import { openNote, type OpenedNote } from './openNote.js';
import { parseCheckpoint, type Checkpoint } from './parseCheckpoint.js';
import type { NoteVerifier } from './parseVerifierKey.js';

export interface OpenedCheckpoint {
  checkpoint: Checkpoint & { rootHash: Buffer };
  note: OpenedNote;
}

/**
 * Opens a signed checkpoint: the note's signatures first ({@link openNote} codes), then the body, so
 * an unsigned text is never parsed as a tree head (AUDIT_BAD_CHECKPOINT for a malformed body).
 */
export function openCheckpoint(signedNote: string, verifiers: readonly NoteVerifier[]): OpenedCheckpoint {
  const note = openNote(signedNote, verifiers);
  return { checkpoint: parseCheckpoint(note.text), note };
}
