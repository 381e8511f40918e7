import { AuditError } from './errors.js';
import { hashChildren } from './hashChildren.js';
import { emptyTreeRoot, TREE_HASH_LENGTH } from './treeConstants.js';

/**
 * RFC 9162 §2.1.1 root over all leaf hashes, streaming: it keeps only the right edge of perfect
 * subtrees (O(log n) hashes), hashes each interior node once (n − 1 in all) and never recurses.
 */
export function rootFromLeafHashes(leafHashes: Iterable<Uint8Array>): Buffer {
  const edge: Uint8Array[] = [];
  let count = 0;
  for (const leafHash of leafHashes) {
    // Ensure every leaf is a tree hash.
    if (leafHash.length !== TREE_HASH_LENGTH) {
      throw new AuditError(
        'AUDIT_BAD_HASH',
        `expected a ${TREE_HASH_LENGTH}-byte leaf hash at index ${count}, found ${leafHash.length} bytes`,
        { index: count },
      );
    }
    let hash = leafHash;
    // Each set low bit of the count is a perfect subtree the new leaf completes a parent with.
    for (let carry = count; carry % 2 === 1; carry = (carry - 1) / 2) hash = hashChildren(edge.pop() as Uint8Array, hash);
    edge.push(hash);
    count += 1;
  }
  if (count === 0) return emptyTreeRoot();
  let root = edge[edge.length - 1] as Uint8Array;
  for (let i = edge.length - 2; i >= 0; i--) root = hashChildren(edge[i] as Uint8Array, root);
  return Buffer.from(root);
}
