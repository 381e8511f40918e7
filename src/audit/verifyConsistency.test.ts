import { describe, expect, it } from 'vitest';
import { describeWithVectors, listVectorFiles, readVectorJson } from '../../test/support/vectors.js';
import { consistencyProof } from './consistencyProof.js';
import { AuditError } from './errors.js';
import { hashLeaf } from './hashLeaf.js';
import { MemoryMerkleStore } from './MemoryMerkleStore.js';
import { rootAt } from './rootAt.js';
import { verifyConsistency } from './verifyConsistency.js';

// Published vectors: github.com/transparency-dev/merkle testdata/consistency, copied byte for byte into
// ../shared/vectors/rfc9162/consistency (see its README); skipped with a notice where that folder is absent.
const FOLDER = 'rfc9162/consistency';
const PUBLISHED_CASES = 98;
const files = listVectorFiles(FOLDER, PUBLISHED_CASES);

interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}
const b64 = (value: string) => Buffer.from(value, 'base64');

// The one deliberate difference from the source library: it accepts equal sizes whenever the two
// byte strings are equal, here base64("don't care 2"), 12 bytes. We refuse any root that is not a
// 32-byte hash, so that no placeholder can ever stand for a tree head.
const STRICTER_THAN_SOURCE = new Set(['additional/sizes-are-equal-one-and-proof-is-empty.json']);

function check(vector: ConsistencyVector): void {
  verifyConsistency(vector.size1, vector.size2, (vector.proof ?? []).map(b64), b64(vector.root1), b64(vector.root2));
}

describeWithVectors('the transparency-dev consistency vectors', () => {
  it('are all found', () => {
    expect(files).toHaveLength(PUBLISHED_CASES);
  });

  it.each(files)('%s gives the published verdict', async (file) => {
    const vector = readVectorJson<ConsistencyVector>(`${FOLDER}/${file}`);
    if (STRICTER_THAN_SOURCE.has(file)) {
      expect(vector.wantErr).toBe(false);
      expect(b64(vector.root1)).not.toHaveLength(32);
      await expect(() => check(vector)).toThrowCode('AUDIT_BAD_PROOF');
    } else if (vector.wantErr) {
      expect(() => check(vector)).toThrow(AuditError);
    } else {
      expect(() => check(vector)).not.toThrow();
    }
  });
});

describe('when the arguments are impossible', () => {
  const store = new MemoryMerkleStore();
  store.appendLeafHashes(Array.from({ length: 7 }, (_, i) => hashLeaf(Buffer.from([i]))));
  const [root3, root7] = [rootAt(store, 3), rootAt(store, 7)];
  const proof = consistencyProof(store, 3, 7);

  it('accepts the untouched proof', () => {
    expect(() => verifyConsistency(3, 7, proof, root3, root7)).not.toThrow();
  });
  it('refuses growth from the empty tree with AUDIT_BAD_PROOF, even to the empty tree', async () => {
    await expect(() => verifyConsistency(0, 7, proof, rootAt(store, 0), root7)).toThrowCode('AUDIT_BAD_PROOF');
    await expect(() => verifyConsistency(0, 0, [], rootAt(store, 0), rootAt(store, 0))).toThrowCode('AUDIT_BAD_PROOF');
  });
  it('refuses a shrinking tree with AUDIT_BAD_PROOF', async () => {
    await expect(() => verifyConsistency(7, 3, proof, root7, root3)).toThrowCode('AUDIT_BAD_PROOF');
  });
  it('refuses an empty proof for growth with AUDIT_BAD_PROOF', async () => {
    await expect(() => verifyConsistency(3, 7, [], root3, root7)).toThrowCode('AUDIT_BAD_PROOF');
  });
  it('refuses equal sizes with a proof, or with two roots', async () => {
    await expect(() => verifyConsistency(7, 7, proof, root7, root7)).toThrowCode('AUDIT_BAD_PROOF');
    await expect(() => verifyConsistency(7, 7, [], root3, root7)).toThrowCode('AUDIT_INCONSISTENT');
    expect(() => verifyConsistency(7, 7, [], root7, root7)).not.toThrow();
  });
  it('refuses roots and proof hashes that are not 32 bytes with AUDIT_BAD_PROOF', async () => {
    await expect(() => verifyConsistency(3, 7, proof, root3.subarray(1), root7)).toThrowCode('AUDIT_BAD_PROOF');
    await expect(() => verifyConsistency(7, 7, [], Buffer.alloc(0), Buffer.alloc(0))).toThrowCode('AUDIT_BAD_PROOF');
    await expect(() => verifyConsistency(3, 7, [...proof.slice(1), Buffer.alloc(31)], root3, root7)).toThrowCode('AUDIT_BAD_PROOF');
  });
  it('refuses an extra hash and a missing hash with AUDIT_BAD_PROOF', async () => {
    await expect(() => verifyConsistency(3, 7, [...proof, root7], root3, root7)).toThrowCode('AUDIT_BAD_PROOF');
    await expect(() => verifyConsistency(3, 7, proof.slice(0, -1), root3, root7)).toThrowCode('AUDIT_BAD_PROOF');
  });
  it('refuses a rewritten old tree with AUDIT_INCONSISTENT', async () => {
    const forked = new MemoryMerkleStore();
    forked.appendLeafHashes(Array.from({ length: 3 }, (_, i) => hashLeaf(Buffer.from([i + 100]))));
    await expect(() => verifyConsistency(3, 7, proof, rootAt(forked, 3), root7)).toThrowCode('AUDIT_INCONSISTENT');
  });
});
