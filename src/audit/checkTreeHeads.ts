import { consistencyProof } from './consistencyProof.js';
import { AuditError } from './errors.js';
import type { MerkleNodeReader } from './merkleNodeReader.js';
import type { Checkpoint } from './parseCheckpoint.js';
import { rootAt } from './rootAt.js';
import { verifyConsistency } from './verifyConsistency.js';

/**
 * Checks, in order from position `next`, every checkpoint of at most `size` entries against a tree that
 * holds at least that many (sizes never decrease, so these are a run): its signed root is the root
 * recomputed at its size (AUDIT_ROOT_MISMATCH) and it extends the one before (AUDIT_INCONSISTENT).
 * Returns the position of the first checkpoint left unchecked.
 */
export function checkTreeHeadsUpTo(store: MerkleNodeReader, checkpoints: readonly Checkpoint[], next: number, size: number): number {
  let position = next;
  for (let checkpoint = checkpoints[position]; checkpoint !== undefined && checkpoint.size <= size; checkpoint = checkpoints[++position]) {
    const root = rootAt(store, checkpoint.size);
    // Ensure the signed root is the root of these entries.
    if (!root.equals(checkpoint.rootHash)) {
      throw new AuditError('AUDIT_ROOT_MISMATCH', `expected checkpoint ${position} to sign the root of the first ${checkpoint.size} entries, found another root`, {
        index: position,
        size: checkpoint.size,
      });
    }
    const previous = checkpoints[position - 1];
    if (previous !== undefined && previous.size > 0) {
      // Ensure, as a witness would, that the previous tree head is a prefix of this one.
      try {
        verifyConsistency(previous.size, checkpoint.size, consistencyProof(store, previous.size, checkpoint.size), previous.rootHash, checkpoint.rootHash);
      } catch (error) {
        throw new AuditError('AUDIT_INCONSISTENT', `expected checkpoint ${position} to extend checkpoint ${position - 1}, it does not`, {
          index: position,
          size: checkpoint.size,
          cause: error,
        });
      }
    }
  }
  return position;
}
