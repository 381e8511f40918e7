import { constantTimeEqual } from '../crypto/index.js';
import { checkProofHash } from './checkProofHash.js';
import { AuditError } from './errors.js';
import { hashChildren } from './hashChildren.js';
import { isTreeCount } from './treeShape.js';

/**
 * Strict RFC 9162 §2.1.4.2 check that the tree of `size1` leaves with root `root1` is a prefix of
 * the tree of `size2` leaves with root `root2`. Returns nothing; any doubt throws: AUDIT_BAD_PROOF
 * for a malformed proof or arguments (size1 = 0, size2 < size1, a hash not 32 bytes, a proof of the
 * wrong length, a non-empty proof for equal sizes), AUDIT_INCONSISTENT when the proof does not
 * rebuild both roots.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  // Ensure the sizes describe growth of a non-empty tree: a proof from the empty tree proves nothing.
  if (!isTreeCount(size1) || !isTreeCount(size2) || size1 === 0 || size2 < size1) {
    throw new AuditError('AUDIT_BAD_PROOF', `expected 0 < size1 ≤ size2, found size1 ${size1} and size2 ${size2}`);
  }
  checkProofHash(root1, 'first root');
  checkProofHash(root2, 'second root');
  proof.forEach((hash, i) => checkProofHash(hash, `proof hash ${i}`));

  if (size1 === size2) {
    // Ensure equal sizes come with no proof and the same root.
    if (proof.length !== 0) throw new AuditError('AUDIT_BAD_PROOF', `expected no proof hashes for equal sizes, found ${proof.length}`);
    if (!constantTimeEqual(root1, root2)) {
      throw new AuditError('AUDIT_INCONSISTENT', `expected one root for tree size ${size1}, found two different roots`, { size: size1 });
    }
    return;
  }
  // Ensure a proof is given at all: for growth it is never empty.
  if (proof.length === 0) throw new AuditError('AUDIT_BAD_PROOF', `expected proof hashes from size ${size1} to ${size2}, found none`);

  // When size1 is a power of two the old root is itself a node of the new tree, so the proof omits it.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  let fr = path[0] as Uint8Array;
  let sr = fr;
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    // Ensure the proof is not longer than the path to the new root.
    if (sn === 0) throw new AuditError('AUDIT_BAD_PROOF', `expected fewer proof hashes from size ${size1} to ${size2}, found ${proof.length}`);
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Ensure the proof reached the new root rather than stopping short of it.
  if (sn !== 0) throw new AuditError('AUDIT_BAD_PROOF', `expected more than ${proof.length} proof hashes from size ${size1} to ${size2}`);
  // Ensure the same hashes rebuild both roots: the old tree is a prefix of the new one.
  if (!constantTimeEqual(fr, root1) || !constantTimeEqual(sr, root2)) {
    throw new AuditError('AUDIT_INCONSISTENT', `expected the proof to rebuild both roots of sizes ${size1} and ${size2}, it does not`, {
      size: size2,
    });
  }
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}
