import { CofferError, type PaymentApproval } from '../../contract/index.js';
import { batchDigest, batchDigestList } from '../../domain/index.js';

/** The batch an approval was given in, as the gateway re-derived it. */
export interface ApprovalBatchDigest {
  /** The batch digest, hex. */
  digest: string;
  /** The batch's payment digests, hex, sorted: the list the batch digest hashes. */
  digests: string[];
}

export interface ApprovalChallenge {
  /** What the assertion must have signed, base64url: the payment digest, or the batch digest. */
  challenge: string;
  batch?: ApprovalBatchDigest;
}

/**
 * The challenge an approval of this payment must have signed (docs/signing.md). A single approval signs the
 * payment digest. A batch approval signs the batch digest of its list, re-derived here with the domain's own
 * function; the payment as received must be in that list, so a batch assertion serves exactly the payments
 * its approver was shown, and a payment edited after the batch was signed has left it.
 */
export function approvalChallenge(approval: PaymentApproval, paymentDigest: Buffer): ApprovalChallenge {
  if (!approval.batch) return { challenge: paymentDigest.toString('base64url') };
  const own = paymentDigest.toString('hex');
  // Ensure the payment, as received now, is one of those the approver signed for.
  if (!approval.batch.digests.includes(own)) {
    throw new CofferError('SERVER_NOT_IN_BATCH', `expected payment digest ${own.slice(0, 12)}… among the ${approval.batch.digests.length} of the batch approved by credential ${approval.credentialId}, found it missing`);
  }
  const digests = approval.batch.digests.map((hex) => Buffer.from(hex, 'hex'));
  const digest = batchDigest(digests);
  return { challenge: digest.toString('base64url'), batch: { digest: digest.toString('hex'), digests: batchDigestList(digests) } };
}
