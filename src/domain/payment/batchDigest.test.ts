import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- an independent SHA-256 to check the digest against
import { createHash } from 'node:crypto';
import { BATCH_DIGEST_TAG, batchDigest, batchDigestList } from './batchDigest.js';
import { paymentDigest } from './paymentDigest.js';
import { samplePayment } from '../../../test/fixtures/domain/samplePayment.js';

const first = paymentDigest(samplePayment());
const second = paymentDigest(samplePayment({ id: 'pay-0002' }));
const hex = (text: string) => Buffer.from(text, 'hex');

describe('batchDigest', () => {
  describe('when the list holds distinct payment digests', () => {
    it('hashes the tag and the canonical JSON list of the digests in hex, sorted', () => {
      const list = [first.toString('hex'), second.toString('hex')].sort();
      const expected = createHash('sha256').update(`coffer/payment-batch/v1${JSON.stringify(list)}`, 'utf8').digest('hex');
      expect(batchDigest([first, second]).toString('hex')).toBe(expected);
      expect(BATCH_DIGEST_TAG).toBe('coffer/payment-batch/v1');
    });

    it('gives the worked example of docs/signing.md (demo-0005 and the sample payment), also computed with sha256sum', () => {
      const demo0005 = hex('3418b8c6395cac1bba493f6e24d2e83fa478124e794f5fcdc4b862c35abe261d');
      const sample = hex('bee4779745730ffc74bbea2485f4ffb3375d298e0629310df3f0bdf1691ef947');
      expect(first).toEqual(sample);
      const digest = batchDigest([sample, demo0005]);
      expect(digest.toString('hex')).toBe('b186e66b30d7c68570596d2bf951411e770fb8cece60d81174a329927347f7de');
      expect(digest.toString('base64url')).toBe('sYbmazDXxoVwWW0r-VFBHncPuM7OYNgRdKMpknNH994');
    });

    it('does not depend on the order the payments were listed in', () => {
      expect(batchDigest([first, second]).equals(batchDigest([second, first]))).toBe(true);
      expect(batchDigestList([second, first])).toEqual(batchDigestList([first, second]));
    });

    it('differs from the single payment digest for a batch of one', () => {
      expect(batchDigest([first]).equals(first)).toBe(false);
    });

    it('differs when one payment of the batch differs', () => {
      const edited = paymentDigest(samplePayment({ id: 'pay-0002', amountMinor: 123_457 }));
      expect(batchDigest([first, edited]).equals(batchDigest([first, second]))).toBe(false);
    });
  });

  describe('when the list is malformed', () => {
    it.each([
      ['an empty list', []],
      ['a short digest', [first, first.subarray(0, 31)]],
      ['a long digest', [Buffer.concat([first, Buffer.alloc(1)])]],
      ['the same payment twice', [first, second, Buffer.from(first)]],
      ['not bytes', ['ab'.repeat(32)]],
    ])('refuses %s with DOMAIN_BAD_DIGEST', async (_, digests) => {
      await expect(() => batchDigest(digests as Uint8Array[])).toThrowCode('DOMAIN_BAD_DIGEST');
    });
  });
});
