import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendLeafNodes } from './appendLeafNodes.js';
import { AuditError } from './errors.js';
import { hashChildren, hashSiblingsInto } from './hashChildren.js';
import { hashLeaf, hashLeafInputInto, hashLeafInto } from './hashLeaf.js';
import { MemoryMerkleStore } from './MemoryMerkleStore.js';
import type { MerkleNodeReader } from './merkleNodeReader.js';

/** The vault's way: a table of rows, filled with what appendLeafNodes returns for each leaf. */
function vaultTable(leafHashes: readonly Uint8Array[]): Map<string, Uint8Array> {
  const rows = new Map<string, Uint8Array>();
  const reader: MerkleNodeReader = {
    node(level, index) {
      const stored = rows.get(`${level}/${index}`);
      if (stored === undefined) throw new AuditError('AUDIT_MISSING_NODE', `no node (${level}, ${index})`);
      return stored;
    },
  };
  leafHashes.forEach((leafHash, size) => {
    for (const { level, index, hash } of appendLeafNodes(reader, size, leafHash)) rows.set(`${level}/${index}`, hash);
  });
  return rows;
}

const entries = Array.from({ length: 700 }, (_, i) => Buffer.from(`{"seq":${i}}`.repeat(1 + (i % 5))));

describe('the in-memory store', () => {
  it('holds exactly the rows the vault stores, however the leaves arrive', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ how: fc.constantFrom('hash', 'hashes', 'entry', 'input'), count: fc.nat(90) }), { maxLength: 12 }), (steps) => {
        const store = new MemoryMerkleStore();
        for (const { how, count } of steps) {
          const next = entries.slice(store.size, Math.min(store.size + count, entries.length));
          if (how === 'hashes') store.appendLeafHashes(next.map((entry) => hashLeaf(entry)));
          for (const entry of how === 'hashes' ? [] : next) {
            if (how === 'entry') store.appendEntry(entry);
            else if (how === 'input') store.appendLeafInput(Buffer.concat([Buffer.of(0), entry]));
            else store.appendLeafHash(hashLeaf(entry));
          }
        }
        const expected = vaultTable(entries.slice(0, store.size).map((entry) => hashLeaf(entry)));
        for (const [key, hash] of expected) {
          const [level, index] = key.split('/').map(Number) as [number, number];
          expect(store.node(level, index).equals(hash)).toBe(true);
        }
        // And nothing more: the next node of each level is missing.
        for (let level = 0; 2 ** level <= Math.max(store.size, 1); level++) {
          expect(() => store.node(level, Math.floor(store.size / 2 ** level))).toThrow(AuditError);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a leaf hash that is not 32 bytes with AUDIT_BAD_HASH and keeps the batch out', async () => {
    const store = new MemoryMerkleStore();
    await expect(() => store.appendLeafHash(new Uint8Array(31))).toThrowCode('AUDIT_BAD_HASH');
    await expect(() => store.appendLeafHashes([hashLeaf(Buffer.of(1)), new Uint8Array(33)])).toThrowCode('AUDIT_BAD_HASH');
    expect(store.size).toBe(0);
  });
});

describe('hashing a leaf into a buffer', () => {
  it('writes the leaf hash of small and large entries at the offset, and nothing else', () => {
    for (const entry of [new Uint8Array(0), Buffer.from('entry'), Buffer.alloc(70_000, 7)]) {
      const target = Buffer.alloc(48, 0xee);
      hashLeafInto(entry, target, 8);
      expect(target.subarray(8, 40).equals(hashLeaf(entry))).toBe(true);
      expect([...target.subarray(0, 8), ...target.subarray(40)]).toEqual(Array(16).fill(0xee));
    }
  });

  describe('when given the whole leaf input, 0x00 and the entry', () => {
    it('writes the same leaf hash', () => {
      const target = Buffer.alloc(32);
      hashLeafInputInto(Buffer.from('\0entry', 'latin1'), target, 0);
      expect(target.equals(hashLeaf(Buffer.from('entry')))).toBe(true);
    });
    it('refuses an input without the leaf prefix with AUDIT_BAD_HASH, so no node hashes as a leaf', async () => {
      await expect(() => hashLeafInputInto(Buffer.from('\x01entry', 'latin1'), Buffer.alloc(32), 0)).toThrowCode('AUDIT_BAD_HASH');
    });
  });
});

describe('hashing two siblings into a buffer', () => {
  const level = Buffer.concat([hashLeaf(Buffer.of(1)), hashLeaf(Buffer.of(2)), hashLeaf(Buffer.of(3))]);

  it('writes the node hash of the pair at the offset', () => {
    const target = Buffer.alloc(32);
    hashSiblingsInto(level, 32, target, 0);
    expect(target.equals(hashChildren(level.subarray(32, 64), level.subarray(64, 96)))).toBe(true);
  });
  it('refuses a pair that runs past the level with AUDIT_OUT_OF_RANGE', async () => {
    await expect(() => hashSiblingsInto(level, 64, Buffer.alloc(32), 0)).toThrowCode('AUDIT_OUT_OF_RANGE');
  });
});
