import type { AuditBundle } from '../contract/index.js';
import { AuditError } from './errors.js';
import { openCheckpoint } from './openCheckpoint.js';
import type { Checkpoint } from './parseCheckpoint.js';
import type { NoteVerifier } from './parseVerifierKey.js';

/**
 * Opens every checkpoint of a bundle and checks what needs no entries: each is signed by the bundle's
 * key and names the bundle's origin, and sizes never decrease.
 * Errors carry the checkpoint's position as `index`.
 */
export function openBundleCheckpoints(bundle: AuditBundle, verifier: NoteVerifier): (Checkpoint & { rootHash: Buffer })[] {
  const checkpoints = bundle.checkpoints.map((signedNote, index) => {
    const { checkpoint } = openSignedCheckpoint(signedNote, verifier, index);
    // Ensure the checkpoint is a tree head of this log, not of another one signed by the same key.
    if (checkpoint.origin !== bundle.origin) {
      throw new AuditError('AUDIT_BAD_CHECKPOINT', `expected checkpoint ${index} of the bundle's origin, found another origin`, { index });
    }
    return checkpoint;
  });
  checkpoints.forEach((checkpoint, index) => {
    const previous = checkpoints[index - 1];
    // Ensure the log only grew: a smaller later tree head means a rollback or a reordered list.
    if (previous !== undefined && checkpoint.size < previous.size) {
      throw new AuditError(
        'AUDIT_INCONSISTENT',
        `expected checkpoint ${index} to cover at least the ${previous.size} entries of the one before, found ${checkpoint.size}`,
        { index, size: checkpoint.size },
      );
    }
  });
  return checkpoints;
}

function openSignedCheckpoint(signedNote: string, verifier: NoteVerifier, index: number) {
  try {
    return openCheckpoint(signedNote, [verifier]);
  } catch (error) {
    if (!(error instanceof AuditError)) throw error;
    // In a bundle, a checkpoint signed only by some other key is as bad as a forged signature.
    const code = error.code === 'AUDIT_UNKNOWN_SIGNER' ? 'AUDIT_BAD_SIGNATURE' : error.code;
    throw new AuditError(code, `checkpoint ${index}: ${error.message}`, { index, cause: error });
  }
}
