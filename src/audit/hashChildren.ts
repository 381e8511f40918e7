import { sha256, sha256Into } from '../crypto/index.js';
import { AuditError } from './errors.js';
import { NODE_HASH_PREFIX, TREE_HASH_LENGTH } from './treeConstants.js';

const NODE_PREFIX_BYTES = Uint8Array.of(NODE_HASH_PREFIX);

// One contiguous input per interior hash: appends and full verification hash about one node per leaf,
// and a single-part hash is the cheapest call the crypto layer can offer.
const scratch = new Uint8Array(1 + 2 * TREE_HASH_LENGTH);
scratch[0] = NODE_HASH_PREFIX;

/** RFC 9162 §2.1.1 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== TREE_HASH_LENGTH || right.length !== TREE_HASH_LENGTH) {
    // RFC 6962 test vectors hash raw child strings of other lengths; only tree hashes take the fast path.
    return sha256(NODE_PREFIX_BYTES, left, right);
  }
  scratch.set(left, 1);
  scratch.set(right, 1 + TREE_HASH_LENGTH);
  return sha256(scratch);
}

/**
 * {@link hashChildren} of the two adjacent hashes at `level[offset, offset + 64)` (a left child and its
 * right sibling, as a store keeps them), written into `target` at `targetOffset`; allocates nothing.
 */
export function hashSiblingsInto(level: Uint8Array, offset: number, target: Uint8Array, targetOffset: number): void {
  if (!Number.isInteger(offset) || offset < 0 || offset + 2 * TREE_HASH_LENGTH > level.length) {
    throw new AuditError('AUDIT_OUT_OF_RANGE', `expected two hashes at offset ${offset}, found ${level.length} bytes`);
  }
  for (let i = 0; i < 2 * TREE_HASH_LENGTH; i++) scratch[1 + i] = level[offset + i] as number;
  sha256Into(scratch, target, targetOffset);
}
