import { AuditError } from './errors.js';
import { hashLeafInto } from './hashLeaf.js';
import { hashSiblingsInto } from './hashChildren.js';
import type { MerkleNodeReader } from './merkleNodeReader.js';
import { TREE_HASH_LENGTH } from './treeConstants.js';

const INITIAL_CAPACITY = 64;

/**
 * Perfect-subtree hashes in memory, one contiguous buffer per level (about 64 bytes per leaf, no
 * object per node): for tests, the standalone bundle verifier and benchmarks. It stores exactly the
 * nodes `appendLeafNodes` gives the vault (a property test holds it to that), but hashes each
 * parent straight from its two children, which sit side by side in the level below, into the level
 * above: a full verification allocates nothing per node.
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
    checkLeafHash(leafHash, undefined);
    this.#levelWithRoomFor(0, this.#size).set(leafHash, this.#size * TREE_HASH_LENGTH);
    this.#completeParents();
  }

  /** Appends leaf hashes in order; a hash that is not 32 bytes refuses the whole batch (AUDIT_BAD_HASH). */
  appendLeafHashes(leafHashes: readonly Uint8Array[]): void {
    leafHashes.forEach(checkLeafHash);
    for (const leafHash of leafHashes) this.appendLeafHash(leafHash);
  }

  /** Appends the RFC 9162 leaf of `entry` (its exact bytes), hashed straight into the store. */
  appendEntry(entry: Uint8Array): void {
    hashLeafInto(entry, this.#levelWithRoomFor(0, this.#size), this.#size * TREE_HASH_LENGTH);
    this.#completeParents();
  }

  /** Counts the leaf just written at index size and hashes every parent it completes (one on average). */
  #completeParents(): void {
    let index = this.#size;
    this.#counts[0] = index + 1;
    // A node with an odd index is a right child: its parent is now complete.
    for (let level = 0; index % 2 === 1; level++) {
      const parent = (index - 1) / 2;
      const target = this.#levelWithRoomFor(level + 1, parent);
      hashSiblingsInto(this.#levels[level] as Buffer, (index - 1) * TREE_HASH_LENGTH, target, parent * TREE_HASH_LENGTH);
      this.#counts[level + 1] = parent + 1;
      index = parent;
    }
    this.#size += 1;
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

function checkLeafHash(leafHash: Uint8Array, position: number | undefined): void {
  // Ensure every leaf is a tree hash.
  if (leafHash.length !== TREE_HASH_LENGTH) {
    const at = position === undefined ? '' : ` at batch position ${position}`;
    throw new AuditError('AUDIT_BAD_HASH', `expected a ${TREE_HASH_LENGTH}-byte leaf hash${at}, found ${leafHash.length} bytes`, {
      ...(position === undefined ? {} : { index: position }),
    });
  }
}
