import { z } from 'zod';
import { CofferError, PaymentRejectionReason } from '../../contract/index.js';
import { appendGatewayAudit } from '../bank/appendGatewayAudit.js';
import { loadBankKey } from '../bank/bankKey.js';
import { OrgIdText, parseBankInput } from '../bank/bankInputs.js';
import { rfc3339 } from '../bank/rfc3339.js';
import type { GatewayStore } from '../store/openStore.js';
import { appendPaymentStatus } from './appendPaymentStatus.js';

/** `coffer server payments mark`: what the bank's core reported of an accepted payment. */
export const MarkPaymentInput = z
  .strictObject({
    orgId: OrgIdText,
    paymentId: z.string().min(1).max(35),
    status: z.enum(['executed', 'rejected']),
    reason: PaymentRejectionReason.optional(),
  })
  .refine((input) => (input.status === 'rejected') === (input.reason !== undefined), { message: 'expected an ISO 20022 reason code for a rejection, and none for an execution', path: ['reason'] });
export type MarkPaymentInput = z.infer<typeof MarkPaymentInput>;

export interface MarkedPayment {
  orgId: string;
  paymentId: string;
  status: 'executed' | 'rejected';
  reason?: PaymentRejectionReason;
  /** The status report, signed by the bank key, as devices will sync it. */
  report: string;
  auditSeq: number;
}

/**
 * Moves an accepted payment to `executed` (only once it left in a pain.001 file) or `rejected` with its reason,
 * in one transaction with the signed status report in the feed and the audit entry `payment.mark`. The move is
 * a conditional update from `accepted`, so of two staff marking one payment at once exactly one succeeds, and a
 * final status is never changed. A rejected payment that was not yet emitted never will be.
 */
export async function markPayment(store: GatewayStore, staff: string, input: MarkPaymentInput, now = Date.now()): Promise<MarkedPayment> {
  const mark = parseBankInput(MarkPaymentInput, input);
  const bankKey = await loadBankKey(store.db, now);
  return store.db.transaction().execute(async function markInTransaction(trx) {
    const org = await trx.selectFrom('organisations').select('id').where('id', '=', mark.orgId).executeTakeFirst();
    if (!org) throw new CofferError('SERVER_NOT_FOUND', `expected an organisation ${JSON.stringify(mark.orgId)}, found none`);
    let update = trx
      .updateTable('payments')
      .set({ status: mark.status, status_reason: mark.reason ?? null })
      .where('org_id', '=', mark.orgId)
      .where('payment_id', '=', mark.paymentId)
      .where('status', '=', 'accepted');
    // Ensure "executed" speaks of an order that reached the bank's core: it left in a pain.001 file.
    if (mark.status === 'executed') update = update.where('emission_id', 'is not', null);
    const moved = await update.executeTakeFirst();
    const row = await trx.selectFrom('payments').select(['digest', 'status', 'emission_id']).where('org_id', '=', mark.orgId).where('payment_id', '=', mark.paymentId).executeTakeFirst();
    if (!row) throw new CofferError('SERVER_PAYMENT_NOT_ACCEPTED', `expected a payment ${mark.orgId} submitted and the gateway accepted, found no payment ${JSON.stringify(mark.paymentId)}`);
    if (moved.numUpdatedRows !== 1n) {
      if (row.status !== 'accepted') throw new CofferError('SERVER_PAYMENT_ALREADY_MARKED', `expected payment ${mark.paymentId} still accepted, found it ${row.status}: a final status is never changed`);
      throw new CofferError('SERVER_PAYMENT_NOT_EMITTED', `expected payment ${mark.paymentId} exported in a pain.001 file before it is executed, found it not yet exported (coffer server payments export)`);
    }
    const reason = mark.reason ? { reason: mark.reason } : {};
    const report = { orgId: mark.orgId, paymentId: mark.paymentId, digest: row.digest, status: mark.status, ...reason, at: rfc3339(now) };
    await appendPaymentStatus(trx, store.dialect, bankKey.signingKey, report, now);
    const stored = await trx.selectFrom('payment_status_feed').select('report').where('org_id', '=', mark.orgId).where('payment_id', '=', mark.paymentId).where('status', '=', mark.status).executeTakeFirstOrThrow();
    const auditSeq = await appendGatewayAudit(trx, store.dialect, {
      at: now,
      actor: `staff:${staff}`,
      action: 'payment.mark',
      orgId: mark.orgId,
      details: { paymentId: mark.paymentId, digest: row.digest, status: mark.status, ...reason, emission: row.emission_id },
    });
    return { orgId: mark.orgId, paymentId: mark.paymentId, status: mark.status, ...reason, report: stored.report, auditSeq };
  });
}
