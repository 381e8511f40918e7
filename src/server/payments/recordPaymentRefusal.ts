import { CofferError, PaymentSubmission } from '../../contract/index.js';
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

/**
 * A refused payment submission, in the gateway's audit log (`payment.refuse`): the device, the payment id and
 * digest as received, the credentials it named and the size of any batch they signed, and the code and
 * one-line reason it was answered with. Only requests from an authenticated device are recorded, so nobody
 * without a device key can write into the log; the rate limit bounds what a device can.
 */
export async function recordPaymentRefusal(store: GatewayStore, device: DeviceTable, body: unknown, refusal: CofferError, now: number): Promise<void> {
  await store.db.transaction().execute(async function recordRefusalInTransaction(trx) {
    await appendGatewayAudit(trx, store.dialect, {
      at: now,
      actor: `device:${device.id}`,
      action: 'payment.refuse',
      orgId: device.org_id,
      details: { ...submissionFacts(body), code: refusal.code, reason: refusal.message.split('\n')[0] ?? '' },
    });
  });
}
