import { canonicalJson } from '../../contract/index.js';
import { ensureNotExpired, paymentDigest, paymentDigestBody } from '../../domain/index.js';
import { selectApprovalRule } from '../../policy/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { verifyApprovals } from '../keys/verifyApprovals.js';
import { payeeCheckAudit, payeeCheckOf } from '../payees/payeeCheckRecords.js';
import { paymentResource, requirePayment, requireUnchangedPayment } from './records/paymentRecords.js';
import { recordApproval } from './records/recordApproval.js';
import { requireApprover } from './records/requireBatchSigner.js';
import { CofferError } from '../../contract/index.js';

/**
 * `payments.approve`: one approver's signature over the payment digest (stepUp: the WebAuthn assertion
 * binds that digest). Four eyes: the maker never approves their own payment. When the approval rules of
 * the organisation policy call the payment executable, it moves to `approved` in the same transaction.
 */
export const approvePaymentCommand = implementCommand('payments.approve', {
  async prepare(ctx, input) {
    const stored = requirePayment(ctx.db, input.id);
    const { payment } = stored;
    if (payment.status !== 'pending_approval') throw new CofferError('APP_WRONG_STATUS', `expected payment ${payment.id} pending approval, found ${payment.status}`);
    ensureNotExpired(payment, ctx.now);
    const digest = paymentDigest(payment);
    // What the approver was shown of the payee check is part of the approval's entry.
    const payeeCheck = payeeCheckAudit(await payeeCheckOf(ctx.vault, ctx.bankKey, payment.creditor, payment.id));
    const details = { version: payment.version, digest: digest.toString('hex'), currency: payment.currency, amountMinor: payment.amountMinor, payeeCheck };
    // The approvals already given count only where their stored assertions verify (docs/signing.md).
    const { counted } = await verifyApprovals(ctx.vault, ctx.policyState, payment);
    const countedIds = counted.map((approval) => approval.id);
    return { resource: paymentResource(payment), challenge: digest, target: payment.id, details, data: { stored, digest: digest.toString('hex'), countedIds } };
  },
  guard(ctx, _input, { stored: { payment }, digest, countedIds }) {
    requireApprover(ctx, payment, digest, countedIds);
  },
  run(ctx, _input, { stored, digest, countedIds }) {
    const { payment, accountId } = requireUnchangedPayment(ctx.db, stored.payment.id, stored.payment.version);
    // Ensure the signature is over the payment as it is now: the digest the step-up bound.
    if (paymentDigest(payment).toString('hex') !== digest) throw new CofferError('APP_STALE', `payment ${payment.id} changed while it was being signed`);
    const rule = selectApprovalRule(ctx.policy.approvalRules, paymentResource(payment));
    const signatureClass = rule?.approvers.find((approver) => approver.userId === ctx.userId)?.signatureClass ?? null;
    return recordApproval(ctx, { payment, accountId, digest, signatureClass, countedIds, digestInputs: canonicalJson(paymentDigestBody(payment)) });
  },
});
