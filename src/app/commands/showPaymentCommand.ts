import { formatAmount, paymentDigest } from '../../domain/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { verifyApprovals } from '../keys/verifyApprovals.js';
import { paymentBankStatusOf, shownStatus } from '../bank/paymentStatusRecords.js';
import { payeeCheckOf } from '../payees/payeeCheckRecords.js';
import { approvalStatusOf, listApprovals } from './records/approvalRecords.js';
import { paymentResource, requirePayment } from './records/paymentRecords.js';

/** Statuses in which approvals are still being collected, so "what is missing" is a real question. */
const COLLECTING = new Set(['draft', 'pending_approval']);

/** `payments.show`: one payment, its digest, its approvals and what the approval rules still need. */
export const showPaymentCommand = implementCommand('payments.show', {
  async prepare(ctx, input) {
    const { payment } = requirePayment(ctx.db, input.id);
    // Each stored assertion is verified again; a row without a valid one is reported (and logged) as tampering.
    const verified = await verifyApprovals(ctx.vault, ctx.policyState, payment);
    const payeeCheck = await payeeCheckOf(ctx.vault, ctx.bankKey, payment.creditor, payment.id);
    // The bank's status reports are verified again: a status edited by hand is shown as tampered, never as the bank's.
    const bank = await paymentBankStatusOf(ctx.vault, ctx.bankKey, payment);
    return { resource: paymentResource(payment), target: payment.id, data: { payment, verified, payeeCheck, bank } };
  },
  run(ctx, _input, { payment, verified, payeeCheck, bank }) {
    const digest = paymentDigest(payment).toString('hex');
    const counted = new Set(verified.counted.map((approval) => approval.id));
    const problems = new Map(verified.tampered.map((tampered) => [tampered.id, tampered.reason]));
    const approvals = listApprovals(ctx.db, payment.id).map((approval) => {
      const problem = problems.get(approval.id);
      // An approval counts only while it is not voided, was given over the payment as it is now, and its assertion verifies.
      return { ...approval, counts: counted.has(approval.id), ...(problem === undefined ? {} : { problem }) };
    });
    let approval: { executable: boolean; missing: string[]; reason: string | null; message: string | null } | null = null;
    if (COLLECTING.has(payment.status)) {
      const status = approvalStatusOf(ctx.policy, payment, approvals.filter((a) => a.counts));
      approval = status.executable
        ? { executable: true, missing: [], reason: null, message: null }
        : { executable: false, missing: status.missing, reason: status.reason, message: status.message };
    }
    return { payment: { ...payment, status: shownStatus(payment, bank), amount: formatAmount(payment.amountMinor, payment.currency) }, digest, payeeCheck, bank, approvals, approval };
  },
});
