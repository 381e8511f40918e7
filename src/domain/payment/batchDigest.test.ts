import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- an independent SHA-256 to check the digest against
import { createHash } from 'node:crypto';
import { batchDigest } from './batchDigest.js';
import { paymentDigest } from './paymentDigest.js';
import { samplePayment } from '../../../test/fixtures/domain/samplePayment.js';

const first = paymentDigest(samplePayment());
const second = paymentDigest(samplePayment({ id: 'pay-0002' }));

describe('batchDigest', () => {
  describe('when the list holds distinct payment digests', () => {
    it('hashes the tag and the digests in order', () => {
      const expected = createHash('sha256').update('coffer/batch/v1').update(first).update(second).digest('hex');
      expect(batchDigest([first, second]).toString('hex')).toBe(expected);
    });

    it('depends on the order shown to the approver', () => {
      expect(batchDigest([first, second]).equals(batchDigest([second, first]))).toBe(false);
    });

    it('differs from the single payment digest for a batch of one', () => {
      expect(batchDigest([first]).equals(first)).toBe(false);
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
