import { describe, expect, it } from 'vitest';
import { describeWithVectors, listVectorFiles, readVectorJson } from '../../test/support/vectors.js';
import { AuditError } from './errors.js';
import { hashLeaf } from './hashLeaf.js';
import { inclusionProof } from './inclusionProof.js';
import { MemoryMerkleStore } from './MemoryMerkleStore.js';
import { rootAt } from './rootAt.js';
import { verifyInclusion } from './verifyInclusion.js';

// Published vectors: github.com/transparency-dev/merkle testdata/inclusion, copied byte for byte into
// ../shared/vectors/rfc9162/inclusion (see its README); skipped with a notice where that folder is absent.
const FOLDER = 'rfc9162/inclusion';
const PUBLISHED_CASES = 98;
const files = listVectorFiles(FOLDER, PUBLISHED_CASES);

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}
const b64 = (value: string) => Buffer.from(value, 'base64');

function check(vector: InclusionVector): void {
  verifyInclusion(b64(vector.leafHash), vector.leafIdx, vector.treeSize, (vector.proof ?? []).map(b64), b64(vector.root));
}

describeWithVectors('the transparency-dev inclusion vectors', () => {
  it('are all found', () => {
    expect(files).toHaveLength(PUBLISHED_CASES);
  });

  it.each(files)('%s gives the published verdict', (file) => {
    const vector = readVectorJson<InclusionVector>(`${FOLDER}/${file}`);
    if (vector.wantErr) {
      expect(() => check(vector)).toThrow(AuditError);
    } else {
      expect(() => check(vector)).not.toThrow();
    }
  });
});

describe('when the arguments are impossible', () => {
  const store = new MemoryMerkleStore();
  const leaves = Array.from({ length: 5 }, (_, i) => hashLeaf(Buffer.from([i])));
  store.appendLeafHashes(leaves);
  const root = rootAt(store, 5);
  const proof = inclusionProof(store, 3, 5);

  it('accepts the untouched proof', () => {
    expect(() => verifyInclusion(leaves[3] as Buffer, 3, 5, proof, root)).not.toThrow();
  });
  it('refuses an index at or beyond the size with AUDIT_BAD_PROOF', async () => {
    await expect(() => verifyInclusion(leaves[3] as Buffer, 5, 5, proof, root)).toThrowCode('AUDIT_BAD_PROOF');
    await expect(() => verifyInclusion(leaves[3] as Buffer, 0, 0, [], root)).toThrowCode('AUDIT_BAD_PROOF');
  });
  it('refuses a negative, fractional or unsafe index with AUDIT_BAD_PROOF', async () => {
    await expect(() => verifyInclusion(leaves[3] as Buffer, -1, 5, proof, root)).toThrowCode('AUDIT_BAD_PROOF');
    await expect(() => verifyInclusion(leaves[3] as Buffer, 2.5, 5, proof, root)).toThrowCode('AUDIT_BAD_PROOF');
    await expect(() => verifyInclusion(leaves[3] as Buffer, 2 ** 64, 2 ** 64 + 1, proof, root)).toThrowCode('AUDIT_BAD_PROOF');
  });
  it('refuses a proof hash that is not 32 bytes with AUDIT_BAD_PROOF', async () => {
    const short = [...proof.slice(0, -1), (proof[proof.length - 1] as Buffer).subarray(1)];
    await expect(() => verifyInclusion(leaves[3] as Buffer, 3, 5, short, root)).toThrowCode('AUDIT_BAD_PROOF');
  });
  it('refuses an extra hash and a missing hash with AUDIT_BAD_PROOF', async () => {
    await expect(() => verifyInclusion(leaves[3] as Buffer, 3, 5, [...proof, root], root)).toThrowCode('AUDIT_BAD_PROOF');
    await expect(() => verifyInclusion(leaves[3] as Buffer, 3, 5, proof.slice(1), root)).toThrowCode('AUDIT_BAD_PROOF');
  });
  it('refuses another leaf with AUDIT_ROOT_MISMATCH', async () => {
    await expect(() => verifyInclusion(leaves[2] as Buffer, 3, 5, proof, root)).toThrowCode('AUDIT_ROOT_MISMATCH');
  });
  it('refuses the one-leaf tree unless leaf and root are the same hash', async () => {
    expect(() => verifyInclusion(leaves[0] as Buffer, 0, 1, [], leaves[0] as Buffer)).not.toThrow();
    await expect(() => verifyInclusion(leaves[0] as Buffer, 0, 1, [], leaves[1] as Buffer)).toThrowCode('AUDIT_ROOT_MISMATCH');
    await expect(() => verifyInclusion(Buffer.alloc(0), 0, 1, [], Buffer.alloc(0))).toThrowCode('AUDIT_BAD_PROOF');
  });
});
