import { canonicalJson } from '../../contract/index.js';
import { ensureNotExpired, paymentDigest, paymentDigestBody, transitionPayment } from '../../domain/index.js';
import { selectApprovalRule } from '../../policy/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { verifyApprovals } from '../keys/verifyApprovals.js';
import { activeApprovals, approvalStatusOf, insertApproval, insertApprovalEvidence } from './records/approvalRecords.js';
import { newRecordId } from './records/newRecordId.js';
import { requireSigner } from './records/requireSigner.js';
import { paymentResource, requirePayment, requireUnchangedPayment, updatePayment } from './records/paymentRecords.js';
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
    const details = { version: payment.version, digest: digest.toString('hex'), currency: payment.currency, amountMinor: payment.amountMinor };
    // The approvals already given count only where their stored assertions verify (docs/signing.md).
    const { counted } = await verifyApprovals(ctx.vault, ctx.policyState, payment);
    const countedIds = counted.map((approval) => approval.id);
    return { resource: paymentResource(payment), challenge: digest, target: payment.id, details, data: { stored, digest: digest.toString('hex'), countedIds } };
  },
  guard(ctx, _input, { stored: { payment }, countedIds }) {
    requireSigner(ctx.policy, ctx.userId, payment);
    if (activeApprovals(ctx.db, payment.id, paymentDigest(payment).toString('hex')).some((approval) => approval.userId === ctx.userId && countedIds.includes(approval.id))) {
      throw new CofferError('APP_ALREADY_APPROVED', `payment ${payment.id} already carries your approval`);
    }
  },
  run(ctx, _input, { stored, digest, countedIds }) {
    const { payment, accountId } = requireUnchangedPayment(ctx.db, stored.payment.id, stored.payment.version);
    // Ensure the signature is over the payment as it is now: the digest the step-up bound.
    if (paymentDigest(payment).toString('hex') !== digest) throw new CofferError('APP_STALE', `payment ${payment.id} changed while it was being signed`);
    const rule = selectApprovalRule(ctx.policy.approvalRules, paymentResource(payment));
    const signatureClass = rule?.approvers.find((approver) => approver.userId === ctx.userId)?.signatureClass ?? null;
    const approvalId = newRecordId();
    insertApproval(ctx.db, { id: approvalId, paymentId: payment.id, paymentVersion: payment.version, userId: ctx.userId, paymentDigest: digest, signatureClass, createdAt: ctx.now.toISOString() });
    // The assertion, its key and the digest inputs stay with the approval, so counting can verify it again.
    const evidence = ctx.stepUp?.evidence;
    if (evidence !== undefined) {
      insertApprovalEvidence(ctx.db, {
        approvalId,
        credentialId: evidence.credentialId,
        assertion: JSON.stringify(evidence.assertion),
        digestInputs: canonicalJson(paymentDigestBody(payment)),
      });
    }
    const counts = new Set(evidence === undefined ? countedIds : [...countedIds, approvalId]);
    const status = approvalStatusOf(ctx.policy, payment, activeApprovals(ctx.db, payment.id, digest).filter((approval) => counts.has(approval.id)));
    if (!status.executable) return { id: payment.id, status: payment.status, signatureClass, executable: false, missing: status.missing };
    const approved = transitionPayment(payment, 'approved');
    updatePayment(ctx.db, approved, accountId, payment.version, ctx.now);
    return { id: payment.id, status: approved.status, signatureClass, executable: true, missing: [] as string[] };
  },
});
