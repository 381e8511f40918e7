import { AuditError } from './errors.js';
import type { MerkleNodeReader } from './merkleNodeReader.js';
import { subtreeRoot } from './subtreeRoot.js';
import { emptyTreeRoot } from './treeConstants.js';
import { isTreeCount } from './treeShape.js';

/** RFC 9162 §2.1.1 root of the first `size` leaves, from O(log size) stored nodes. */
export function rootAt(reader: MerkleNodeReader, size: number): Buffer {
  // Ensure the size is a count of leaves.
  if (!isTreeCount(size)) {
    throw new AuditError('AUDIT_OUT_OF_RANGE', `expected a tree size as a non-negative integer, found ${size}`);
  }
  if (size === 0) return emptyTreeRoot();
  return Buffer.from(subtreeRoot(reader, 0, size));
}
