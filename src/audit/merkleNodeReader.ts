import { AuditError } from './errors.js';
import { TREE_HASH_LENGTH } from './treeConstants.js';

/**
 * A stored hash of a *perfect* subtree: node (level, index) covers leaves [index·2^level, (index+1)·2^level).
 * Level 0 holds the leaf hashes. Nodes of incomplete (right-edge) subtrees are never stored: they change
 * with every append and are recomputed from perfect ones.
 */
export interface MerkleNode {
  level: number;
  index: number;
  hash: Uint8Array;
}

/**
 * Read access to stored perfect-subtree hashes (the vault's table, or {@link MemoryMerkleStore}).
 *
 * `node` returns the 32-byte hash, and MUST throw when the node is not stored — never return a
 * placeholder: a missing node means the store is damaged or the asked tree size is beyond it.
 * (Throw `AuditError('AUDIT_MISSING_NODE')` or the store's own error.) The returned bytes are only read.
 */
export interface MerkleNodeReader {
  node(level: number, index: number): Uint8Array;
}

/** Reads a node and checks the store kept its promise: a 32-byte hash, not a placeholder. */
export function readNode(reader: MerkleNodeReader, level: number, index: number): Uint8Array {
  const hash: unknown = reader.node(level, index);
  if (!(hash instanceof Uint8Array)) {
    throw new AuditError('AUDIT_MISSING_NODE', `expected stored node (${level}, ${index}), found nothing`);
  }
  if (hash.length !== TREE_HASH_LENGTH) {
    throw new AuditError(
      'AUDIT_BAD_HASH',
      `expected a ${TREE_HASH_LENGTH}-byte hash at node (${level}, ${index}), found ${hash.length} bytes`,
    );
  }
  return hash;
}
