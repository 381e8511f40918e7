import { AuditError } from './errors.js';
import { hashChildren } from './hashChildren.js';
import { readNode, type MerkleNode, type MerkleNodeReader } from './merkleNodeReader.js';
import { TREE_HASH_LENGTH } from './treeConstants.js';
import { isTreeCount, largestPowerOfTwoUpTo, levelOf } from './treeShape.js';

/**
 * The nodes to store when `leafHashes` are appended, in order, to a tree of `size` leaves: for each
 * leaf, the leaf at (0, size + i) and then the perfect parents it completes (about 2 nodes per leaf).
 * Reads only the popcount(size) perfect subtrees on the tree's right edge, once, whatever the batch
 * size; nodes completed inside the batch are taken from the batch, so the caller may store the
 * result after the call, in one transaction.
 */
export function appendLeafNodesBatch(
  reader: MerkleNodeReader,
  size: number,
  leafHashes: readonly Uint8Array[],
): MerkleNode[] {
  // Ensure the batch has a position.
  if (!isTreeCount(size) || !Number.isSafeInteger(size + leafHashes.length)) {
    throw new AuditError('AUDIT_OUT_OF_RANGE', `expected a tree size as a non-negative integer, found ${size}`);
  }
  // The right edge of the tree: one perfect subtree root per set bit of `size`, highest level first.
  const edge: Uint8Array[] = [];
  for (let begin = 0; begin < size; ) {
    const width = largestPowerOfTwoUpTo(size - begin);
    edge.push(readNode(reader, levelOf(width), begin / width));
    begin += width;
  }
  const nodes: MerkleNode[] = [];
  for (let i = 0; i < leafHashes.length; i++) {
    const leafHash = leafHashes[i] as Uint8Array;
    // Ensure every leaf is a tree hash.
    if (leafHash.length !== TREE_HASH_LENGTH) {
      throw new AuditError(
        'AUDIT_BAD_HASH',
        `expected a ${TREE_HASH_LENGTH}-byte leaf hash at batch position ${i}, found ${leafHash.length} bytes`,
        { index: i },
      );
    }
    let index = size + i;
    nodes.push({ level: 0, index, hash: leafHash });
    let hash: Uint8Array = leafHash;
    // Like a binary counter: each odd index merges with the edge's last subtree, its left sibling.
    for (let level = 0; index % 2 === 1; level++) {
      hash = hashChildren(edge.pop() as Uint8Array, hash);
      index = (index - 1) / 2;
      nodes.push({ level: level + 1, index, hash });
    }
    edge.push(hash);
  }
  return nodes;
}
