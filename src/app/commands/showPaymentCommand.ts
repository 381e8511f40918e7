import { formatAmount, paymentDigest } from '../../domain/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { approvalStatusOf, listApprovals } from './records/approvalRecords.js';
import { paymentResource, requirePayment } from './records/paymentRecords.js';

/** Statuses in which approvals are still being collected, so "what is missing" is a real question. */
const COLLECTING = new Set(['draft', 'pending_approval']);

/** `payments.show`: one payment, its digest, its approvals and what the approval rules still need. */
export const showPaymentCommand = implementCommand('payments.show', {
  prepare(ctx, input) {
    const { payment } = requirePayment(ctx.db, input.id);
    return { resource: paymentResource(payment), target: payment.id, data: payment };
  },
  run(ctx, _input, payment) {
    const digest = paymentDigest(payment).toString('hex');
    const approvals = listApprovals(ctx.db, payment.id).map((approval) => ({
      ...approval,
      // An approval counts only while it is not voided and was given over the payment as it is now.
      counts: approval.voidedAt === null && approval.paymentDigest === digest,
    }));
    let approval: { executable: boolean; missing: string[]; reason: string | null; message: string | null } | null = null;
    if (COLLECTING.has(payment.status)) {
      const status = approvalStatusOf(ctx.policy, payment, approvals.filter((a) => a.counts));
      approval = status.executable
        ? { executable: true, missing: [], reason: null, message: null }
        : { executable: false, missing: status.missing, reason: status.reason, message: status.message };
    }
    return { payment: { ...payment, amount: formatAmount(payment.amountMinor, payment.currency) }, digest, approvals, approval };
  },
});
