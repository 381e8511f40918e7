import { ApprovalSubmission, CofferError, CredentialSubmission, PaymentSubmission, PendingPaymentSubmission } from '../../contract/index.js';
import { paymentDigest, PaymentDigestInput } from '../../domain/index.js';
import { appendGatewayAudit } from '../bank/appendGatewayAudit.js';
import type { GatewayStore } from '../store/openStore.js';
import type { DeviceTable } from '../store/storeSchema.js';

/** What a refused submission's body tells, as far as it parses: never its assertions. */
function submissionFacts(body: unknown): Record<string, unknown> {
  const submission = PaymentSubmission.safeParse(body);
  if (!submission.success) return { paymentId: null };
  const { payment, approvals } = submission.data;
  const order = PaymentDigestInput.safeParse(payment);
  return {
    paymentId: payment.id,
    digest: order.success ? paymentDigest(order.data).toString('hex') : null,
    approvals: approvals.map((approval) => ({ credentialId: approval.credentialId, batch: approval.batch ? approval.batch.digests.length : null })),
  };
}

/** What a refused approval's body tells, as far as it parses: never its assertion. */
function approvalFacts(body: unknown): Record<string, unknown> {
  const submission = ApprovalSubmission.safeParse(body);
  if (!submission.success) return { paymentId: null };
  const { paymentId, digest, approval } = submission.data;
  return { paymentId, digest, credentialId: approval.credentialId, batch: approval.batch ? approval.batch.digests.length : null };
}

/** What a refused share's body tells, as far as it parses: never the maker's signature. */
function shareFacts(body: unknown): Record<string, unknown> {
  const submission = PendingPaymentSubmission.safeParse(body);
  if (!submission.success) return { paymentId: null };
  const order = PaymentDigestInput.safeParse(submission.data.payment);
  return { paymentId: submission.data.payment.id, status: submission.data.status, digest: order.success ? paymentDigest(order.data).toString('hex') : null };
}

/** What a refused registration's body tells: the credential id it named. */
function credentialFacts(body: unknown): Record<string, unknown> {
  const submission = CredentialSubmission.safeParse(body);
  return { credentialId: submission.success ? submission.data.credential.id : null };
}

/** The refused request: its audit action and what of its body the entry tells. */
const REFUSED = {
  'payment.refuse': submissionFacts,
  'approval.refuse': approvalFacts,
  'payment.share.refuse': shareFacts,
  'credential.refuse': credentialFacts,
} as const;
export type RefusalAction = keyof typeof REFUSED;

/**
 * A refused payment submission (`payment.refuse`), relayed approval (`approval.refuse`), pending payment
 * (`payment.share.refuse`) or hardware key registration (`credential.refuse`), in the gateway's audit log: the
 * device, what the body named (payment id and digest as received, credentials, the size of any batch; never an
 * assertion or signature), and the code and one-line reason it was answered with. Only requests from an
 * authenticated device are recorded, so nobody without a device key can write into the log; the rate limit
 * bounds what a device can.
 */
export async function recordRefusal(store: GatewayStore, device: DeviceTable, action: RefusalAction, body: unknown, refusal: CofferError, now: number): Promise<void> {
  await store.db.transaction().execute(async function recordRefusalInTransaction(trx) {
    await appendGatewayAudit(trx, store.dialect, {
      at: now,
      actor: `device:${device.id}`,
      action,
      orgId: device.org_id,
      details: { ...REFUSED[action](body), code: refusal.code, reason: refusal.message.split('\n')[0] ?? '' },
    });
  });
}

/** A refused payment submission (`payment.refuse`): recordRefusal of POST /v1/payments. */
export async function recordPaymentRefusal(store: GatewayStore, device: DeviceTable, body: unknown, refusal: CofferError, now: number): Promise<void> {
  await recordRefusal(store, device, 'payment.refuse', body, refusal, now);
}
