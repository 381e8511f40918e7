import { AuditError } from './errors.js';
import { hashChildren } from './hashChildren.js';
import { readNode, type MerkleNode, type MerkleNodeReader } from './merkleNodeReader.js';
import { TREE_HASH_LENGTH } from './treeConstants.js';
import { isTreeCount } from './treeShape.js';

/**
 * The nodes to store when one leaf is appended to a tree of `size` leaves: the leaf itself at
 * (0, size), then every perfect parent it completes, lowest first (one more node on average).
 * Reads only the left siblings of those parents. The returned leaf node holds `leafHash` itself.
 */
export function appendLeafNodes(reader: MerkleNodeReader, size: number, leafHash: Uint8Array): MerkleNode[] {
  // Ensure the new leaf has a position and is a tree hash.
  if (!isTreeCount(size)) {
    throw new AuditError('AUDIT_OUT_OF_RANGE', `expected a tree size as a non-negative integer, found ${size}`);
  }
  if (leafHash.length !== TREE_HASH_LENGTH) {
    throw new AuditError('AUDIT_BAD_HASH', `expected a ${TREE_HASH_LENGTH}-byte leaf hash, found ${leafHash.length} bytes`);
  }
  const nodes: MerkleNode[] = [{ level: 0, index: size, hash: leafHash }];
  let hash: Uint8Array = leafHash;
  // A node with an odd index is a right child: its parent is now complete.
  for (let level = 0, index = size; index % 2 === 1; level++) {
    hash = hashChildren(readNode(reader, level, index - 1), hash);
    index = (index - 1) / 2;
    nodes.push({ level: level + 1, index, hash });
  }
  return nodes;
}
