import { AuditError, type MemoryMerkleStore } from '../../audit/index.js';
import type { UnlockedVault } from '../../vault/index.js';

/** How many perfect subtrees above the leaves a tree of `size` leaves has: the rows audit_nodes must hold. */
function expectedNodeCount(size: number): number {
  let count = 0;
  for (let width = 2; width <= size; width *= 2) count += Math.floor(size / width);
  return count;
}

/**
 * Proofs are served from the stored perfect-subtree hashes, so every one of them must be what the entries
 * give: one edited node would make proofs for a whole range of entries lie while the root stays right.
 * `tree` is the tree the verifier recomputed from the entries.
 */
export function checkStoredNodes(vault: UnlockedVault, tree: MemoryMerkleStore): void {
  const size = tree.size;
  let rows = 0;
  for (const row of vault.db.prepare('SELECT level, idx, hash FROM audit_nodes ORDER BY level, idx').iterate() as Iterable<{
    level: number;
    idx: number;
    hash: Buffer;
  }>) {
    rows += 1;
    let expected: Buffer | undefined;
    try {
      expected = tree.node(row.level, row.idx);
    } catch {
      expected = undefined;
    }
    if (!expected?.equals(row.hash)) {
      throw new AuditError('AUDIT_ROOT_MISMATCH', `stored tree node (${row.level}, ${row.idx}) is not the hash its entries give`, { size });
    }
  }
  if (rows !== expectedNodeCount(size)) {
    throw new AuditError('AUDIT_MISSING_NODE', `expected ${expectedNodeCount(size)} stored tree nodes for ${size} entries, found ${rows}`, { size });
  }
}
