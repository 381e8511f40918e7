import { formatCheckpoint } from './formatCheckpoint.js';
import type { Checkpoint } from './parseCheckpoint.js';
import type { NoteSigner } from './parseSignerKey.js';
import { signNote } from './signNote.js';

/** A C2SP tlog-checkpoint in signed-note form, signed by `signer` (the device's Ed25519 key). */
export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner): string {
  return signNote(formatCheckpoint(checkpoint), signer);
}
