import { SHA256_LENGTH, sha256 } from '../../crypto/index.js';
import { CofferError, canonicalJson } from '../../contract/index.js';

/**
 * Domain separation tag of a batch approval, distinct from the single payment's `coffer/payment/v1`: an
 * assertion over a batch can never pass for one over a payment, nor the other way round.
 */
export const BATCH_DIGEST_TAG = 'coffer/payment-batch/v1';

/** Most payments one batch approval may cover: the approver must be able to review the list. */
export const MAX_BATCH_SIZE = 10_000;

/**
 * The list a batch digest hashes: the payment digests as lower-case hex, sorted ascending (byte order), so
 * the digest depends on which payments are in the batch and not on the order a screen listed them in.
 * Refuses an empty or oversized list, a wrong length or the same payment twice with DOMAIN_BAD_DIGEST.
 */
export function batchDigestList(digests: readonly Uint8Array[]): string[] {
  if (digests.length === 0 || digests.length > MAX_BATCH_SIZE) {
    throw new CofferError('DOMAIN_BAD_DIGEST', `expected 1 to ${MAX_BATCH_SIZE} payment digests, found ${digests.length}`);
  }
  const hex = digests.map((digest, index) => {
    if (!(digest instanceof Uint8Array) || digest.length !== SHA256_LENGTH) {
      throw new CofferError('DOMAIN_BAD_DIGEST', `expected digest ${index} of ${SHA256_LENGTH} bytes, found ${(digest as { length?: number } | undefined)?.length ?? 'none'}`);
    }
    return Buffer.from(digest).toString('hex');
  });
  const sorted = [...hex].sort();
  // Ensure one signature cannot count twice for the same payment inside a batch.
  const twice = sorted.find((digest, index) => index > 0 && sorted[index - 1] === digest);
  if (twice !== undefined) throw new CofferError('DOMAIN_BAD_DIGEST', `expected distinct payments, found digest ${twice.slice(0, 12)}… twice`);
  return sorted;
}

/**
 * SHA-256(UTF-8 "coffer/payment-batch/v1" ‖ UTF-8 RFC 8785 canonical JSON of batchDigestList(digests)): the
 * 32-byte WebAuthn challenge of a batch approval (docs/signing.md). Each payment digest binds its payment's
 * amount and payee, so the batch digest binds every payment of the batch.
 */
export function batchDigest(digests: readonly Uint8Array[]): Buffer {
  return sha256(Buffer.from(BATCH_DIGEST_TAG, 'utf8'), Buffer.from(canonicalJson(batchDigestList(digests)), 'utf8'));
}
