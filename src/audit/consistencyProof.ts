import { AuditError } from './errors.js';
import type { MerkleNodeReader } from './merkleNodeReader.js';
import { subtreeRoot } from './subtreeRoot.js';
import { isTreeCount, splitPoint } from './treeShape.js';

/**
 * RFC 9162 §2.1.4.1 consistency proof that the tree of `size1` leaves is a prefix of the tree of
 * `size2` leaves (0 < size1 ≤ size2; empty when equal). Reads O(log size2) stored nodes.
 */
export function consistencyProof(reader: MerkleNodeReader, size1: number, size2: number): Buffer[] {
  // Ensure both trees exist and the first is not larger: RFC 9162 defines no proof from the empty tree.
  if (!isTreeCount(size1) || !isTreeCount(size2) || size1 === 0 || size1 > size2) {
    throw new AuditError('AUDIT_OUT_OF_RANGE', `expected 0 < size1 ≤ size2, found size1 ${size1} and size2 ${size2}`);
  }
  // SUBPROOF(m, D[lo:hi], b) descends from the root; nodes are collected top-down, then reversed.
  const proof: Uint8Array[] = [];
  let lo = 0;
  let hi = size2;
  let m = size1;
  let startsAtOldRoot = true;
  while (m !== hi - lo) {
    const k = splitPoint(hi - lo);
    if (m <= k) {
      proof.push(subtreeRoot(reader, lo + k, hi));
      hi = lo + k;
    } else {
      proof.push(subtreeRoot(reader, lo, lo + k));
      lo += k;
      m -= k;
      startsAtOldRoot = false;
    }
  }
  // SUBPROOF(m, D[m], false) = {MTH(D[m])}: the old root is itself a subtree only when b is true.
  if (!startsAtOldRoot) proof.push(subtreeRoot(reader, lo, hi));
  return proof.reverse().map((hash) => Buffer.from(hash));
}
