import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithVectors, readVectorJson } from '../../test/support/vectors.js';
import { hashChildren } from './hashChildren.js';
import { hashLeaf } from './hashLeaf.js';
import { MemoryMerkleStore } from './MemoryMerkleStore.js';
import { rootAt } from './rootAt.js';
import { rootFromLeafHashes } from './rootFromLeafHashes.js';

// Published vectors: github.com/transparency-dev/merkle testonly/constants.go and rfc6962/rfc6962_test.go,
// extracted into ../shared/vectors/rfc9162/roots.json (see its README); skipped with a notice where absent.
interface Roots {
  leavesHex: string[];
  rootsHex: Record<string, string>;
  emptyTreeHash: string;
  emptyLeafHash: string;
  hasherVectors: { kind: string; inputHex?: string; leftHex?: string; rightHex?: string; hashHex: string }[];
}
const hex = (value: string) => Buffer.from(value, 'hex');
const [a, b] = [hashLeaf(Buffer.from('a')), hashLeaf(Buffer.from('b'))];

describe('RFC 9162 §2.1.1 hashing', () => {
  it('hashes two tree hashes the same way whether or not they are 32 bytes long', () => {
    expect(hashChildren(a, b).equals(hashChildren(new Uint8Array(a), new Uint8Array(b)))).toBe(true);
    // The 32-byte fast path must equal the general definition SHA-256(0x01 ‖ l ‖ r) over concatenated bytes.
    expect(hashChildren(a, b).equals(hashChildren(a.subarray(0, 31), Buffer.concat([a.subarray(31), b])))).toBe(true);
  });
});

describeWithVectors('the transparency-dev RFC 6962 hashes and roots', () => {
  let roots: Roots;
  let leafHashes: Buffer[];
  beforeAll(() => {
    roots = readVectorJson<Roots>('rfc9162/roots.json');
    leafHashes = roots.leavesHex.map((leaf) => hashLeaf(hex(leaf)));
  });

  describe('RFC 9162 §2.1.1 hashing', () => {
    it('hashes the RFC 6962 leaf and node vectors', () => {
      const leaf = roots.hasherVectors.find((vector) => vector.kind === 'leaf');
      const node = roots.hasherVectors.find((vector) => vector.kind === 'node');
      expect(hashLeaf(hex(leaf?.inputHex ?? 'missing')).toString('hex')).toBe(leaf?.hashHex);
      expect(hashChildren(hex(node?.leftHex ?? 'missing'), hex(node?.rightHex ?? 'missing')).toString('hex')).toBe(node?.hashHex);
    });

    it('hashes the empty leaf to the published value', () => {
      expect(hashLeaf(new Uint8Array(0)).toString('hex')).toBe(roots.emptyLeafHash);
    });
  });

  describe('when computing roots over the published leaves', () => {
    it('gives the empty tree hash for no leaves', () => {
      expect(rootFromLeafHashes([]).toString('hex')).toBe(roots.emptyTreeHash);
      expect(rootAt(new MemoryMerkleStore(), 0).toString('hex')).toBe(roots.emptyTreeHash);
    });

    it('gives every published root for 0..8 leaves, streaming and from the node store', () => {
      const store = new MemoryMerkleStore();
      for (let n = 0; n <= 8; n++) {
        expect(rootFromLeafHashes(leafHashes.slice(0, n)).toString('hex'), `streaming root of ${n}`).toBe(roots.rootsHex[String(n)]);
        expect(rootAt(store, n).toString('hex'), `store root of ${n}`).toBe(roots.rootsHex[String(n)]);
        if (n < 8) store.appendLeafHash(leafHashes[n] as Buffer);
      }
    });

    it('gives the published roots from the batched append as well', () => {
      const store = new MemoryMerkleStore();
      store.appendLeafHashes(leafHashes.slice(0, 3));
      store.appendLeafHashes(leafHashes.slice(3, 8));
      for (let n = 0; n <= 8; n++) expect(rootAt(store, n).toString('hex')).toBe(roots.rootsHex[String(n)]);
    });
  });
});

describe('when a leaf hash is not 32 bytes', () => {
  it('refuses it with AUDIT_BAD_HASH', async () => {
    await expect(() => rootFromLeafHashes([a, Buffer.alloc(31)])).toThrowCode('AUDIT_BAD_HASH');
    await expect(() => new MemoryMerkleStore().appendLeafHash(Buffer.alloc(33))).toThrowCode('AUDIT_BAD_HASH');
    await expect(() => new MemoryMerkleStore().appendLeafHashes([Buffer.alloc(32), Buffer.alloc(0)])).toThrowCode('AUDIT_BAD_HASH');
  });
});
