import { AuditError } from './errors.js';
import { hashLeafInputInto, hashLeafInto } from './hashLeaf.js';
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

  /** `capacity`: the leaves expected, so that a store filled range by range never grows by copying. */
  constructor(capacity = 0) {
    for (let width = 1, level = 0; width <= capacity; width *= 2, level++) {
      this.#levels.push(Buffer.alloc(Math.max(INITIAL_CAPACITY, Math.floor(capacity / width)) * TREE_HASH_LENGTH));
      this.#counts.push(0);
    }
  }

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

  /** {@link appendEntry} given the leaf's whole hash input, 0x00 ‖ entry (`hashLeafInputInto`): hashed with no copy. */
  appendLeafInput(input: Uint8Array): void {
    hashLeafInputInto(input, this.#levelWithRoomFor(0, this.#size), this.#size * TREE_HASH_LENGTH);
    this.#completeParents();
  }

  /**
   * The hashes of one level, node 0 first (32 bytes each): a view, valid until the next append. A range
   * hashed on its own hands its levels to {@link appendRange}.
   */
  levelHashes(level: number): Uint8Array {
    const count = this.#counts[level] ?? 0;
    return count === 0 ? new Uint8Array(0) : (this.#levels[level] as Buffer).subarray(0, count * TREE_HASH_LENGTH);
  }

  /** How many levels hold at least one node. */
  get height(): number {
    return this.#counts.filter((count) => count > 0).length;
  }

  /**
   * Appends a range of leaves hashed elsewhere (on another thread), given as the levels of a store that
   * holds just that range (`levels[0]` its leaf hashes), and completes the parents above it. The range must
   * start at a multiple of the smallest power of two covering it, so that every node inside it is one of
   * the tree's perfect subtrees (RFC 9162 §2.1.1) and none straddles its edges.
   */
  appendRange(levels: readonly Uint8Array[]): void {
    const count = (levels[0]?.length ?? 0) / TREE_HASH_LENGTH;
    if (count === 0) return;
    let width = 1;
    while (width < count) width *= 2;
    // Ensure the range lines up with the tree's perfect subtrees and carries each of them whole.
    if (!Number.isInteger(count) || this.#size % width !== 0 || Math.floor(count / 2 ** levels.length) !== 0) {
      throw new AuditError('AUDIT_OUT_OF_RANGE', `expected a range of whole hashes starting at a multiple of ${width}, found ${count} leaves at ${this.#size}`);
    }
    levels.forEach((hashes, level) => {
      const expected = Math.floor(count / 2 ** level) * TREE_HASH_LENGTH;
      if (hashes.length !== expected) {
        throw new AuditError('AUDIT_BAD_HASH', `expected ${expected / TREE_HASH_LENGTH} nodes at level ${level} of a range of ${count} leaves, found ${hashes.length} bytes`);
      }
      if (expected === 0) return;
      const first = this.#size / 2 ** level;
      this.#levelWithRoomFor(level, first + expected / TREE_HASH_LENGTH - 1).set(hashes, first * TREE_HASH_LENGTH);
      this.#counts[level] = first + expected / TREE_HASH_LENGTH;
    });
    // A whole perfect range may complete parents above it with the ranges before it.
    let top = levels.length - 1;
    while (top > 0 && (levels[top]?.length ?? 0) === 0) top -= 1;
    this.#size += count;
    if (count === width) this.#completeAbove(top, this.#size / width - 1);
  }

  /** Hashes the parents that node (level, index), just completed, completes in turn. */
  #completeAbove(level: number, index: number): void {
    for (let at = level, i = index; i % 2 === 1; at++) {
      const parent = (i - 1) / 2;
      const target = this.#levelWithRoomFor(at + 1, parent);
      hashSiblingsInto(this.#levels[at] as Buffer, (i - 1) * TREE_HASH_LENGTH, target, parent * TREE_HASH_LENGTH);
      this.#counts[at + 1] = parent + 1;
      i = parent;
    }
  }

  /** Counts the leaf just written at index size and hashes every parent it completes (one on average). */
  #completeParents(): void {
    this.#counts[0] = this.#size + 1;
    // A node with an odd index is a right child: its parent is now complete.
    this.#completeAbove(0, this.#size);
    this.#size += 1;
  }

  #levelWithRoomFor(level: number, index: number): Buffer {
    while (this.#levels.length <= level) {
      this.#levels.push(Buffer.alloc(INITIAL_CAPACITY * TREE_HASH_LENGTH));
      this.#counts.push(0);
    }
    const current = this.#levels[level] as Buffer;
    if ((index + 1) * TREE_HASH_LENGTH <= current.length) return current;
    const grown = Buffer.alloc(Math.max(current.length * 2, (index + 1) * TREE_HASH_LENGTH));
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
