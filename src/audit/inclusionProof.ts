import { AuditError } from './errors.js';
import type { MerkleNodeReader } from './merkleNodeReader.js';
import { subtreeRoot } from './subtreeRoot.js';
import { isTreeCount, splitPoint } from './treeShape.js';

/**
 * RFC 9162 §2.1.3.1 inclusion proof (audit path) of leaf `index` in the tree of `size` leaves,
 * ordered from the leaf's sibling up to the root's child. Reads O(log size) stored nodes: every
 * sibling is a perfect subtree except at most one on the right edge, tiled by O(log size) nodes.
 */
export function inclusionProof(reader: MerkleNodeReader, index: number, size: number): Buffer[] {
  // Ensure the leaf is inside the tree.
  if (!isTreeCount(index) || !isTreeCount(size) || index >= size) {
    throw new AuditError('AUDIT_OUT_OF_RANGE', `expected a leaf index below the tree size ${size}, found ${index}`);
  }
  // PATH(m, D[lo:hi]) descends from the root; siblings are collected top-down, then reversed.
  const path: Uint8Array[] = [];
  for (let lo = 0, hi = size; hi - lo > 1; ) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      path.push(subtreeRoot(reader, lo + k, hi));
      hi = lo + k;
    } else {
      path.push(subtreeRoot(reader, lo, lo + k));
      lo += k;
    }
  }
  return path.reverse().map((hash) => Buffer.from(hash));
}
