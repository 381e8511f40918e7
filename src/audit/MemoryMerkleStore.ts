import { appendLeafNodes } from './appendLeafNodes.js';
import { appendLeafNodesBatch } from './appendLeafNodesBatch.js';
import { AuditError } from './errors.js';
import type { MerkleNode, MerkleNodeReader } from './merkleNodeReader.js';
import { TREE_HASH_LENGTH } from './treeConstants.js';

const INITIAL_CAPACITY = 64;

/**
 * Perfect-subtree hashes in memory, one contiguous buffer per level (about 64 bytes per leaf, no
 * object per node): for tests, the standalone bundle verifier and benchmarks. It grows through the
 * same {@link appendLeafNodes} the vault uses, so it stores exactly what the vault stores.
 */
export class MemoryMerkleStore implements MerkleNodeReader {
  readonly #levels: Buffer[] = [];
  readonly #counts: number[] = [];
  #size = 0;

  /** Number of leaves. */
  get size(): number {
    return this.#size;
  }

  /** A copy of node (level, index); throws AUDIT_MISSING_NODE when it is not (yet) complete. */
  node(level: number, index: number): Buffer {
    const count = this.#counts[level] ?? 0;
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new AuditError('AUDIT_MISSING_NODE', `expected node (${level}, ${index}) in a store of ${count} nodes at that level`);
    }
    const offset = index * TREE_HASH_LENGTH;
    return Buffer.from((this.#levels[level] as Buffer).subarray(offset, offset + TREE_HASH_LENGTH));
  }

  /** Appends one leaf hash and the perfect parents it completes. */
  appendLeafHash(leafHash: Uint8Array): void {
    this.#store(appendLeafNodes(this, this.#size, leafHash));
    this.#size += 1;
  }

  /** Appends leaf hashes in order. */
  appendLeafHashes(leafHashes: readonly Uint8Array[]): void {
    this.#store(appendLeafNodesBatch(this, this.#size, leafHashes));
    this.#size += leafHashes.length;
  }

  #store(nodes: readonly MerkleNode[]): void {
    for (const { level, index, hash } of nodes) {
      // Nodes only ever arrive in append order; anything else would be a bug in the append math.
      if (index !== (this.#counts[level] ?? 0)) {
        throw new AuditError('AUDIT_OUT_OF_RANGE', `expected node index ${this.#counts[level] ?? 0} at level ${level}, found ${index}`);
      }
      this.#levelWithRoomFor(level, index).set(hash, index * TREE_HASH_LENGTH);
      this.#counts[level] = index + 1;
    }
  }

  #levelWithRoomFor(level: number, index: number): Buffer {
    while (this.#levels.length <= level) {
      this.#levels.push(Buffer.alloc(INITIAL_CAPACITY * TREE_HASH_LENGTH));
      this.#counts.push(0);
    }
    const current = this.#levels[level] as Buffer;
    if ((index + 1) * TREE_HASH_LENGTH <= current.length) return current;
    const grown = Buffer.alloc(current.length * 2);
    current.copy(grown);
    this.#levels[level] = grown;
    return grown;
  }
}
