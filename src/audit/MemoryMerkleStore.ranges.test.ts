import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashLeaf } from './hashLeaf.js';
import { MemoryMerkleStore } from './MemoryMerkleStore.js';

const leaves = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => hashLeaf(Buffer.from(`entry ${from + i}`)));

/** Leaves [from, to) hashed into `tree`'s memory by a store of that range alone, as a worker hashes a range. */
function hashRangeInto(tree: MemoryMerkleStore, from: number, to: number): number {
  const range = MemoryMerkleStore.rangeOf(tree.levelMemory, from, to - from);
  range.appendLeafHashes(leaves(from, to));
  return range.size;
}

describe('MemoryMerkleStore.adoptRange', () => {
  it('gives the same tree as appending every leaf, for any size and range width', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 8 }), (size, log2Width) => {
      const width = 2 ** log2Width;
      const whole = new MemoryMerkleStore();
      whole.appendLeafHashes(leaves(0, size));
      const merged = new MemoryMerkleStore(size, { shared: true });
      for (let from = 0; from < size; from += width) merged.adoptRange(hashRangeInto(merged, from, Math.min(size, from + width)));
      expect(merged.size).toBe(size);
      for (let level = 0; 2 ** level <= Math.max(size, 1); level++) {
        const count = Math.floor(size / 2 ** level);
        for (let index = 0; index < count; index++) expect(merged.node(level, index)).toEqual(whole.node(level, index));
        // And nothing more: the next node of each level is missing.
        expect(() => merged.node(level, count)).toThrow();
      }
    }), { numRuns: 60 });
  });
  it('shares its memory with other threads when made shared', () => {
    expect(new MemoryMerkleStore(8, { shared: true }).levelMemory.every((level) => level.buffer instanceof SharedArrayBuffer)).toBe(true);
  });
  describe('when a range does not line up with the perfect subtrees', () => {
    it('refuses it with AUDIT_OUT_OF_RANGE', async () => {
      const store = new MemoryMerkleStore(8);
      store.adoptRange(hashRangeInto(store, 0, 3));
      await expect(() => store.adoptRange(2)).toThrowCode('AUDIT_OUT_OF_RANGE');
      await expect(() => MemoryMerkleStore.rangeOf(store.levelMemory, 3, 2)).toThrowCode('AUDIT_OUT_OF_RANGE');
    });
  });
  describe('when a range reaches beyond the memory', () => {
    it('refuses it with AUDIT_OUT_OF_RANGE', async () => {
      const store = new MemoryMerkleStore(64);
      await expect(() => MemoryMerkleStore.rangeOf(store.levelMemory, 64, 8)).toThrowCode('AUDIT_OUT_OF_RANGE');
      await expect(() => store.adoptRange(65)).toThrowCode('AUDIT_OUT_OF_RANGE');
    });
  });
  describe('when a range store is given more leaves than its range holds', () => {
    it('refuses them with AUDIT_OUT_OF_RANGE rather than writing them elsewhere', async () => {
      const store = new MemoryMerkleStore(8);
      const range = MemoryMerkleStore.rangeOf(store.levelMemory, 0, 4);
      range.appendLeafHashes(leaves(0, 4));
      await expect(() => range.appendLeafHash(hashLeaf(Buffer.from('one more')))).toThrowCode('AUDIT_OUT_OF_RANGE');
    });
  });
});
