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
  // A range of another store's memory (rangeOf) never grows: a grown level would no longer be that memory.
  #fixed = false;

  /**
   * `capacity`: the leaves expected, so that a store filled range by range never grows by copying. With
   * `shared`, each level lies in memory other threads may write ranges into ({@link levelMemory}).
   */
  constructor(capacity = 0, options: { shared?: boolean } = {}) {
    for (let width = 1; width <= capacity; width *= 2) {
      const bytes = Math.max(INITIAL_CAPACITY, Math.floor(capacity / width)) * TREE_HASH_LENGTH;
      this.#levels.push(options.shared ? Buffer.from(new SharedArrayBuffer(bytes)) : Buffer.alloc(bytes));
      this.#counts.push(0);
    }
  }

  /**
   * A store of one range of another store's leaves, `first` (a multiple of the smallest power of two covering
   * `count`) to `first + count`, written straight into that store's `levelMemory`: what a worker thread
   * hashes there, the other store then takes with {@link adoptRange}, without a copy.
   */
  static rangeOf(memory: readonly Uint8Array[], first: number, count: number): MemoryMerkleStore {
    const range = new MemoryMerkleStore();
    for (let level = 0, width = 1; width <= count; level++, width *= 2) {
      const memoryOfLevel = memory[level];
      const start = (first / width) * TREE_HASH_LENGTH;
      const end = start + Math.floor(count / width) * TREE_HASH_LENGTH;
      // Ensure the range lies inside the memory and lines up with its perfect subtrees.
      if (memoryOfLevel === undefined || !Number.isInteger(first / width) || end > memoryOfLevel.length) {
        throw new AuditError('AUDIT_OUT_OF_RANGE', `expected room for leaves ${first} to ${first + count} at level ${level}, found none`);
      }
      range.#levels.push(Buffer.from(memoryOfLevel.buffer, memoryOfLevel.byteOffset + start, end - start));
      range.#counts.push(0);
    }
    range.#fixed = true;
    return range;
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

  /** Each level's whole memory, shared with other threads when the store was made `shared`: for {@link rangeOf}. */
  get levelMemory(): readonly Uint8Array[] {
    return this.#levels;
  }

  /**
   * Takes the next `count` leaves, which a {@link rangeOf} store (on another thread) has hashed into this
   * store's own memory, and completes the parents above them. The range must start at a multiple of the
   * smallest power of two covering it, so that every node inside it is one of the tree's perfect subtrees
   * (RFC 9162 §2.1.1) and none straddles its edges.
   */
  adoptRange(count: number): void {
    if (count === 0) return;
    let width = 1;
    while (width < count) width *= 2;
    // Ensure the range lines up with the tree's perfect subtrees and lies inside this store's memory.
    if (!Number.isInteger(count) || count < 0 || this.#size % width !== 0 || (this.#size + count) * TREE_HASH_LENGTH > (this.#levels[0]?.length ?? 0)) {
      throw new AuditError('AUDIT_OUT_OF_RANGE', `expected a range of leaves starting at a multiple of ${width} inside the store, found ${count} leaves at ${this.#size}`);
    }
    let top = 0;
    for (let level = 0, span = 1; span <= count; level++, span *= 2) {
      this.#counts[level] = this.#size / span + Math.floor(count / span);
      top = level;
    }
    this.#size += count;
    // A whole perfect range may complete parents above it with the ranges before it.
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
    if (this.#fixed && (index + 1) * TREE_HASH_LENGTH > (this.#levels[level]?.length ?? 0)) {
      throw new AuditError('AUDIT_OUT_OF_RANGE', `expected at most the leaves of the range, found node (${level}, ${index}) beyond it`);
    }
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
