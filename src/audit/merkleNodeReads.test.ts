import { describe, expect, it } from 'vitest';
import { sha256 } from '../crypto/index.js';
import { appendLeafNodes } from './appendLeafNodes.js';
import { appendLeafNodesBatch } from './appendLeafNodesBatch.js';
import { consistencyProof } from './consistencyProof.js';
import { AuditError } from './errors.js';
import { hashLeaf } from './hashLeaf.js';
import { inclusionProof } from './inclusionProof.js';
import { MemoryMerkleStore } from './MemoryMerkleStore.js';
import type { MerkleNodeReader } from './merkleNodeReader.js';
import { rootAt } from './rootAt.js';

/** A tree far too large to build: any node is made up on demand, and every read is counted. */
function countingReader(size: number): MerkleNodeReader & { reads: number } {
  return {
    reads: 0,
    node(level, index) {
      if ((index + 1) * 2 ** level > size) throw new AuditError('AUDIT_MISSING_NODE', `no node (${level}, ${index})`);
      this.reads += 1;
      return sha256(Buffer.from(`${level}/${index}`));
    },
  };
}

describe('when proofs are made in a tree of 2^50 + 12345 leaves', () => {
  const size = 2 ** 50 + 12345;

  it('reads O(log n) nodes for a root, an inclusion proof and a consistency proof', () => {
    const reader = countingReader(size);
    rootAt(reader, size);
    expect(reader.reads).toBeLessThanOrEqual(51);
    reader.reads = 0;
    expect(inclusionProof(reader, 7, size)).toHaveLength(51);
    expect(reader.reads).toBeLessThanOrEqual(2 * 51);
    reader.reads = 0;
    inclusionProof(reader, size - 1, size);
    expect(reader.reads).toBeLessThanOrEqual(2 * 51);
    reader.reads = 0;
    consistencyProof(reader, 2 ** 49 + 3, size);
    expect(reader.reads).toBeLessThanOrEqual(2 * 51 + 1);
  });

  it('reads only the left siblings a single append completes, and the right edge once for a batch', () => {
    const reader = countingReader(size + 2);
    // 12346 ends in binary ...010: a left child completes no parent, so nothing is read.
    expect(appendLeafNodes(reader, size + 1, Buffer.alloc(32))).toHaveLength(1);
    expect(reader.reads).toBe(0);
    // 12347 ends in binary ...011: the new leaf completes two parents.
    expect(appendLeafNodes(reader, size + 2, Buffer.alloc(32)).map(({ level }) => level)).toEqual([0, 1, 2]);
    expect(reader.reads).toBe(2);
    reader.reads = 0;
    const batch = appendLeafNodesBatch(reader, size, Array.from({ length: 1000 }, () => Buffer.alloc(32)));
    expect(reader.reads).toBe(1 + [...(12345).toString(2)].filter((bit) => bit === '1').length);
    expect(batch.filter(({ level }) => level === 0)).toHaveLength(1000);
    expect(batch.length).toBeLessThan(2 * 1000 + 51);
  });
});

describe('when the store lacks a node', () => {
  const store = new MemoryMerkleStore();
  store.appendLeafHashes([0, 1, 2].map((i) => hashLeaf(Buffer.of(i))));

  it('refuses sizes beyond the stored leaves with AUDIT_MISSING_NODE', async () => {
    await expect(() => rootAt(store, 4)).toThrowCode('AUDIT_MISSING_NODE');
    await expect(() => inclusionProof(store, 0, 5)).toThrowCode('AUDIT_MISSING_NODE');
    await expect(() => consistencyProof(store, 1, 4)).toThrowCode('AUDIT_MISSING_NODE');
  });

  it('refuses a reader that answers with a placeholder', async () => {
    const empty: MerkleNodeReader = { node: () => new Uint8Array(0) };
    const nothing = { node: () => undefined } as unknown as MerkleNodeReader;
    await expect(() => rootAt(empty, 2)).toThrowCode('AUDIT_BAD_HASH');
    await expect(() => appendLeafNodes(nothing, 1, Buffer.alloc(32))).toThrowCode('AUDIT_MISSING_NODE');
  });

  it('refuses impossible positions with AUDIT_OUT_OF_RANGE', async () => {
    await expect(() => inclusionProof(store, 3, 3)).toThrowCode('AUDIT_OUT_OF_RANGE');
    await expect(() => consistencyProof(store, 0, 3)).toThrowCode('AUDIT_OUT_OF_RANGE');
    await expect(() => consistencyProof(store, 3, 2)).toThrowCode('AUDIT_OUT_OF_RANGE');
    await expect(() => rootAt(store, -1)).toThrowCode('AUDIT_OUT_OF_RANGE');
    await expect(() => appendLeafNodes(store, 1.5, Buffer.alloc(32))).toThrowCode('AUDIT_OUT_OF_RANGE');
  });
});
