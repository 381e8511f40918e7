import { SHA256_LENGTH, sha256 } from '../../crypto/index.js';
import { CofferError } from '../../contract/index.js';

/** Domain separation tag of a batch approval: distinct from the single-payment tag. */
export const BATCH_DIGEST_TAG = 'coffer/batch/v1';

/** Most payments one batch approval may cover: the approver must be able to review the list. */
export const MAX_BATCH_SIZE = 10_000;

/**
 * SHA-256(UTF-8 "coffer/batch/v1" ‖ d1 ‖ d2 ‖ … ‖ dn) over payment digests in the order shown to
 * the approver. Every digest is exactly 32 bytes, so the concatenation is unambiguous. Refuses an
 * empty list, a wrong length or the same payment twice with DOMAIN_BAD_DIGEST.
 */
export function batchDigest(digests: readonly Uint8Array[]): Buffer {
  if (digests.length === 0 || digests.length > MAX_BATCH_SIZE) {
    throw new CofferError('DOMAIN_BAD_DIGEST', `expected 1 to ${MAX_BATCH_SIZE} payment digests, found ${digests.length}`);
  }
  const seen = new Set<string>();
  digests.forEach((digest, index) => {
    if (!(digest instanceof Uint8Array) || digest.length !== SHA256_LENGTH) {
      throw new CofferError('DOMAIN_BAD_DIGEST', `expected digest ${index} of ${SHA256_LENGTH} bytes, found ${digest?.length ?? 'none'}`);
    }
    // Ensure one signature cannot count twice for the same payment inside a batch.
    const hex = Buffer.from(digest).toString('hex');
    if (seen.has(hex)) throw new CofferError('DOMAIN_BAD_DIGEST', `expected distinct payments, found digest ${index} twice`);
    seen.add(hex);
  });
  return sha256(Buffer.from(BATCH_DIGEST_TAG, 'utf8'), ...digests);
}
