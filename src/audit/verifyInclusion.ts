import { constantTimeEqual } from '../crypto/index.js';
import { checkProofHash } from './checkProofHash.js';
import { AuditError } from './errors.js';
import { hashChildren } from './hashChildren.js';
import { isTreeCount } from './treeShape.js';

/**
 * Strict RFC 9162 §2.1.3.2 check that `leafHash` is leaf `index` of the tree of `size` leaves with
 * root `root`. Returns nothing; any doubt throws: AUDIT_BAD_PROOF for a malformed proof or arguments
 * (index ≥ size, a hash not 32 bytes, too few or too many hashes), AUDIT_ROOT_MISMATCH when the
 * proof leads to another root.
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  // Ensure the leaf lies inside the tree.
  if (!isTreeCount(index) || !isTreeCount(size) || index >= size) {
    throw new AuditError('AUDIT_BAD_PROOF', `expected a leaf index below the tree size ${size}, found ${index}`);
  }
  // Ensure every hash is a tree hash: an empty or short "hash" must never match by accident.
  checkProofHash(leafHash, 'leaf hash');
  checkProofHash(root, 'root');
  proof.forEach((hash, i) => checkProofHash(hash, `proof hash ${i}`));

  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leafHash;
  for (const p of proof) {
    // Ensure the proof is not longer than the path to the root.
    if (sn === 0) throw new AuditError('AUDIT_BAD_PROOF', `expected at most ${proof.length - 1} proof hashes, found ${proof.length}`);
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      // A left child on the right edge has no sibling at these levels: skip them.
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Ensure the proof reached the root rather than stopping short of it.
  if (sn !== 0) throw new AuditError('AUDIT_BAD_PROOF', `expected more than ${proof.length} proof hashes for leaf ${index} of ${size}`);
  // Ensure the path leads to the claimed root.
  if (!constantTimeEqual(r, root)) {
    throw new AuditError('AUDIT_ROOT_MISMATCH', `expected the proof to lead to the given root of tree size ${size}, it leads elsewhere`, { size });
  }
}
