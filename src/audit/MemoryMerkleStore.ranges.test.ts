import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashLeaf } from './hashLeaf.js';
import { MemoryMerkleStore } from './MemoryMerkleStore.js';

const leaves = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => hashLeaf(Buffer.from(`entry ${from + i}`)));

/** A store of leaves [from, to) alone, as a worker hashes a range, and its levels. */
function rangeLevels(from: number, to: number): Uint8Array[] {
  const range = new MemoryMerkleStore();
  range.appendLeafHashes(leaves(from, to));
  return Array.from({ length: range.height }, (_, level) => Uint8Array.from(range.levelHashes(level)));
}

describe('MemoryMerkleStore.appendRange', () => {
  it('gives the same tree as appending every leaf, for any size and range width', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 8 }), (size, log2Width) => {
      const width = 2 ** log2Width;
      const whole = new MemoryMerkleStore();
      whole.appendLeafHashes(leaves(0, size));
      const merged = new MemoryMerkleStore();
      for (let from = 0; from < size; from += width) merged.appendRange(rangeLevels(from, Math.min(size, from + width)));
      expect(merged.size).toBe(size);
      expect(merged.height).toBe(whole.height);
      for (let level = 0; level < whole.height; level++) expect(merged.levelHashes(level)).toEqual(whole.levelHashes(level));
    }), { numRuns: 60 });
  });
  describe('when a range does not line up with the perfect subtrees', () => {
    it('refuses it with AUDIT_OUT_OF_RANGE', async () => {
      const store = new MemoryMerkleStore();
      store.appendRange(rangeLevels(0, 3));
      await expect(() => store.appendRange(rangeLevels(3, 5))).toThrowCode('AUDIT_OUT_OF_RANGE');
    });
  });
  describe('when a level of the range is missing or short', () => {
    it('refuses it', async () => {
      const store = new MemoryMerkleStore();
      await expect(() => store.appendRange(rangeLevels(0, 4).slice(0, 2))).toThrowCode('AUDIT_OUT_OF_RANGE');
      await expect(() => store.appendRange([...rangeLevels(0, 4).slice(0, 2), new Uint8Array(0)])).toThrowCode('AUDIT_BAD_HASH');
    });
  });
});
