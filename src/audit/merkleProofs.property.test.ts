import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../crypto/index.js';
import { consistencyProof } from './consistencyProof.js';
import { hashLeaf } from './hashLeaf.js';
import { inclusionProof } from './inclusionProof.js';
import { MemoryMerkleStore } from './MemoryMerkleStore.js';
import { rootAt } from './rootAt.js';
import { rootFromLeafHashes } from './rootFromLeafHashes.js';
import { verifyConsistency } from './verifyConsistency.js';
import { verifyInclusion } from './verifyInclusion.js';

// An independent, literal transcription of RFC 9162 §2.1.1 (MTH), §2.1.3.1 (PATH) and §2.1.4.1 (PROOF),
// recursive and slow on purpose: the node-store code must agree with it exactly.
const node = (left: Buffer, right: Buffer) => sha256(Buffer.concat([Buffer.of(1), left, right]));
const split = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);
function mth(d: Buffer[]): Buffer {
  if (d.length === 0) return sha256();
  if (d.length === 1) return d[0] as Buffer;
  const k = split(d.length);
  return node(mth(d.slice(0, k)), mth(d.slice(k)));
}
function path(m: number, d: Buffer[]): Buffer[] {
  if (d.length === 1) return [];
  const k = split(d.length);
  return m < k ? [...path(m, d.slice(0, k)), mth(d.slice(k))] : [...path(m - k, d.slice(k)), mth(d.slice(0, k))];
}
function subproof(m: number, d: Buffer[], b: boolean): Buffer[] {
  if (m === d.length) return b ? [] : [mth(d)];
  const k = split(d.length);
  return m <= k ? [...subproof(m, d.slice(0, k), b), mth(d.slice(k))] : [...subproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
}

const MAX_SIZE = 3000;
const leaves = Array.from({ length: MAX_SIZE }, (_, i) => hashLeaf(Buffer.from(`entry ${i}`)));
const store = new MemoryMerkleStore();
for (const leaf of leaves) store.appendLeafHash(leaf);
const roots = Array.from({ length: MAX_SIZE + 1 }, (_, n) => rootAt(store, n));

const flipBit = (hashes: readonly Buffer[], which: number, bit: number) =>
  hashes.map((hash, i) => (i === which ? Buffer.from(hash.map((byte, j) => (j === bit >> 3 ? byte ^ (1 << (bit & 7)) : byte))) : hash));
const flip = (hash: Buffer, bit: number) => flipBit([hash], 0, bit)[0] as Buffer;

describe('the node store against the RFC 9162 definitions', () => {
  it('gives the reference root for every size up to 200, and for random sizes up to 3000', () => {
    for (let n = 0; n <= 200; n++) expect(roots[n]?.equals(rootFromLeafHashes(leaves.slice(0, n))), `size ${n}`).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 201, max: MAX_SIZE }), (n) => {
        expect(roots[n]?.equals(rootFromLeafHashes(leaves.slice(0, n)))).toBe(true);
      }),
      { numRuns: 20 },
    );
    expect(roots[37]?.equals(mth(leaves.slice(0, 37)))).toBe(true);
  });

  it('gives exactly the reference proofs for every index, size and size pair up to 32 leaves', () => {
    for (let n = 1; n <= 32; n++) {
      const d = leaves.slice(0, n);
      for (let m = 0; m < n; m++) expect(inclusionProof(store, m, n), `PATH(${m}, ${n})`).toEqual(path(m, d));
      for (let m = 1; m <= n; m++) expect(consistencyProof(store, m, n), `PROOF(${m}, ${n})`).toEqual(subproof(m, d, true));
    }
  });

  it('builds the same nodes whether leaves come one by one or in batches of any size', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 8 }), (batches) => {
        const batched = new MemoryMerkleStore();
        for (const size of batches) batched.appendLeafHashes(leaves.slice(batched.size, Math.min(batched.size + size, MAX_SIZE)));
        for (let n = 0; n <= batched.size; n += 1 + (n >> 4)) expect(rootAt(batched, n).equals(roots[n] as Buffer)).toBe(true);
        for (let i = 0; i < batched.size; i += 7) expect(inclusionProof(batched, i, batched.size)).toEqual(inclusionProof(store, i, batched.size));
      }),
      { numRuns: 12 },
    );
  });
});

describe('when an inclusion proof from the node store is checked', () => {
  it('verifies every index of every size up to 64, and of one size past a power of two', () => {
    for (let n = 1; n <= 64; n++) for (let i = 0; i < n; i++) verifyInclusion(leaves[i] as Buffer, i, n, inclusionProof(store, i, n), roots[n] as Buffer);
    for (let i = 0; i < 2049; i++) verifyInclusion(leaves[i] as Buffer, i, 2049, inclusionProof(store, i, 2049), roots[2049] as Buffer);
  });

  it('verifies for random sizes and refuses every single change to proof, size, index, leaf or root', async () => {
    const cases = fc.integer({ min: 1, max: MAX_SIZE }).chain((n) =>
      fc.record({ n: fc.constant(n), i: fc.nat(n - 1), other: fc.integer({ min: 1, max: MAX_SIZE }), bit: fc.nat(255), at: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ n, i, other, bit, at }) => {
        const leaf = leaves[i] as Buffer;
        const root = roots[n] as Buffer;
        const proof = inclusionProof(store, i, n);
        verifyInclusion(leaf, i, n, proof, root);
        if (proof.length > 0) {
          await expect(() => verifyInclusion(leaf, i, n, flipBit(proof, at % proof.length, bit), root)).toThrowCode('AUDIT_ROOT_MISMATCH');
          await expect(() => verifyInclusion(leaf, i, n, proof.toSpliced(at % proof.length, 1), root)).toThrowCode('AUDIT_BAD_PROOF');
        }
        await expect(() => verifyInclusion(leaf, i, n, proof.toSpliced(at % (proof.length + 1), 0, leaf), root)).toThrowCode('AUDIT_BAD_PROOF');
        await expect(() => verifyInclusion(flip(leaf, bit), i, n, proof, root)).toThrowCode('AUDIT_ROOT_MISMATCH');
        await expect(() => verifyInclusion(leaf, i, n, proof, flip(root, bit))).toThrowCode('AUDIT_ROOT_MISMATCH');
        // A proof for one tree head presented for another, genuine, tree head.
        if (other !== n && i < other) expect(() => verifyInclusion(leaf, i, other, proof, roots[other] as Buffer)).toThrow();
        const j = other % n;
        if (j !== i) expect(() => verifyInclusion(leaf, j, n, proof, root)).toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe('when a consistency proof from the node store is checked', () => {
  it('verifies every size pair up to 64', () => {
    for (let n = 1; n <= 64; n++) {
      for (let m = 1; m <= n; m++) verifyConsistency(m, n, consistencyProof(store, m, n), roots[m] as Buffer, roots[n] as Buffer);
    }
  });

  it('verifies for random sizes and refuses every single change to proof, sizes or roots', async () => {
    const cases = fc.integer({ min: 1, max: MAX_SIZE }).chain((n) =>
      fc.record({ n: fc.constant(n), m: fc.integer({ min: 1, max: n }), other: fc.integer({ min: 1, max: MAX_SIZE }), bit: fc.nat(255), at: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ n, m, other, bit, at }) => {
        const [root1, root2] = [roots[m] as Buffer, roots[n] as Buffer];
        const proof = consistencyProof(store, m, n);
        verifyConsistency(m, n, proof, root1, root2);
        if (proof.length > 0) {
          await expect(() => verifyConsistency(m, n, flipBit(proof, at % proof.length, bit), root1, root2)).toThrowCode('AUDIT_INCONSISTENT');
          await expect(() => verifyConsistency(m, n, proof.toSpliced(at % proof.length, 1), root1, root2)).toThrowCode('AUDIT_BAD_PROOF');
        }
        await expect(() => verifyConsistency(m, n, proof.toSpliced(at % (proof.length + 1), 0, root1), root1, root2)).toThrowCode('AUDIT_BAD_PROOF');
        await expect(() => verifyConsistency(m, n, proof, flip(root1, bit), root2)).toThrowCode('AUDIT_INCONSISTENT');
        await expect(() => verifyConsistency(m, n, proof, root1, flip(root2, bit))).toThrowCode('AUDIT_INCONSISTENT');
        // The proof presented for other, genuine, tree heads.
        if (other !== m && other <= n) expect(() => verifyConsistency(other, n, proof, roots[other] as Buffer, root2)).toThrow();
        if (other !== n && other >= m) expect(() => verifyConsistency(m, other, proof, root1, roots[other] as Buffer)).toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
