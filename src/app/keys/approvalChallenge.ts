import { z } from 'zod';
import { CofferError, canonicalJson, describeZodIssue } from '../../contract/index.js';
import { BATCH_DIGEST_TAG, PAYMENT_DIGEST_TAG, batchDigest, paymentDigest, paymentDigestBody, type Payment } from '../../domain/index.js';

const DigestHex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 digest in lower-case hex');
const DigestBody = z.record(z.string(), z.string().nullable());

/**
 * One payment of a batch as its approval records it: the payment digest signed into the batch, and the payment's
 * id, or null where this vault does not know it: an approval relayed from another vault carries the batch's
 * digests only, so there the other payments are named by digest alone (never by a blank id a reader could show).
 */
export const BatchMember = z.strictObject({ id: z.string().min(1).nullable(), digest: DigestHex });
export type BatchMember = z.infer<typeof BatchMember>;

/** A member as stored: relayed batch approvals taken before ids were recorded as null kept `''` for "not known here". */
const StoredBatchMember = z.strictObject({ id: z.union([z.string().min(1), z.null(), z.literal('').transform(() => null)]), digest: DigestHex });

/**
 * What a batch approval keeps as its digest inputs (approval_evidence.digest_inputs, docs/signing.md): every
 * payment of the batch by digest (and id where known), sorted by digest as the batch digest hashes them, and this
 * payment's own digest body, so that its membership can be re-derived from the payment as it is now.
 */
const BatchInputs = z.strictObject({
  batch: z.strictObject({ tag: z.literal(BATCH_DIGEST_TAG), payments: z.array(StoredBatchMember).min(1) }),
  payment: DigestBody,
});

/** The digest inputs of an approval, as exported: what the challenge was computed from. */
export type ApprovalDigestInputs =
  | { kind: 'payment'; tag: typeof PAYMENT_DIGEST_TAG; payment: Record<string, string | null> }
  | { kind: 'batch'; tag: typeof BATCH_DIGEST_TAG; payments: BatchMember[]; payment: Record<string, string | null> };

export interface ApprovalChallenge {
  /** base64url of the 32 bytes the assertion must sign. */
  challenge: string;
  inputs: ApprovalDigestInputs;
}

/** The digest inputs a batch approval stores for `payment`: canonical JSON (RFC 8785), sealed like every row. */
export function batchDigestInputs(members: readonly BatchMember[], payment: Payment): string {
  const payments = [...members].sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
  return canonicalJson({ batch: { tag: BATCH_DIGEST_TAG, payments }, payment: paymentDigestBody(payment) });
}

/**
 * What an approval of `payment` must have signed, re-derived from the payment as it is now (docs/signing.md):
 * its payment digest, or for a batch approval the batch digest of the recorded batch, provided the payment as
 * it is now is one of the batch's payments. The other payments enter by the digests recorded (and signed):
 * editing one of them voids only its own approval. Throws APP_APPROVAL_TAMPERED when the inputs cannot hold.
 */
export function approvalChallenge(storedInputs: string, payment: Payment): ApprovalChallenge {
  const digest = paymentDigest(payment);
  const body = paymentDigestBody(payment);
  let json: unknown;
  try {
    json = JSON.parse(storedInputs);
  } catch {
    throw new CofferError('APP_APPROVAL_TAMPERED', 'its stored digest inputs are not JSON');
  }
  if (json === null || typeof json !== 'object' || !('batch' in json)) {
    return { challenge: digest.toString('base64url'), inputs: { kind: 'payment', tag: PAYMENT_DIGEST_TAG, payment: body } };
  }
  const parsed = BatchInputs.safeParse(json);
  if (!parsed.success) throw new CofferError('APP_APPROVAL_TAMPERED', `its stored batch inputs are malformed (${describeZodIssue(parsed.error).text})`);
  const { payments } = parsed.data.batch;
  // Ensure the payment as it is now, not only its id, is one of those the approver signed for.
  const hex = digest.toString('hex');
  if (!payments.some((member) => member.id === payment.id && member.digest === hex)) {
    throw new CofferError('APP_APPROVAL_TAMPERED', `payment ${payment.id} as it is now (digest ${hex.slice(0, 12)}…) is not one of the ${payments.length} payments of its batch`);
  }
  let batch: Buffer;
  try {
    batch = batchDigest(payments.map((member) => Buffer.from(member.digest, 'hex')));
  } catch (cause) {
    throw new CofferError('APP_APPROVAL_TAMPERED', `its stored batch cannot be hashed: ${cause instanceof Error ? cause.message : 'bad digests'}`, { cause });
  }
  return { challenge: batch.toString('base64url'), inputs: { kind: 'batch', tag: BATCH_DIGEST_TAG, payments, payment: body } };
}
