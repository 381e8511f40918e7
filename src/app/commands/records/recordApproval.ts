import { transitionPayment, type Payment } from '../../../domain/index.js';
import type { SignatureClass } from '../../../policy/index.js';
import type { RunContext } from '../../dispatch/defineCommand.js';
import { activeApprovals, approvalStatusOf, insertApproval, insertApprovalEvidence } from './approvalRecords.js';
import { newRecordId } from './newRecordId.js';
import { updatePayment } from './paymentRecords.js';

export interface ApprovalToRecord {
  payment: Payment;
  accountId: string;
  /** The payment digest (hex) the approval is over. */
  digest: string;
  signatureClass: SignatureClass | null;
  /** The approvals already given that count (their stored assertions verified). */
  countedIds: readonly string[];
  /** What the step-up's assertion signed, kept with it so counting can verify it again (docs/signing.md). */
  digestInputs: string;
}

/**
 * Records the acting user's approval of one payment, with the step-up's assertion as its evidence, and moves
 * the payment to `approved` when its rule is now met by the approvals that count: the same for one payment
 * and for each payment of a batch.
 */
export function recordApproval(ctx: RunContext, { payment, accountId, digest, signatureClass, countedIds, digestInputs }: ApprovalToRecord) {
  const approvalId = newRecordId();
  insertApproval(ctx.db, { id: approvalId, paymentId: payment.id, paymentVersion: payment.version, userId: ctx.userId, paymentDigest: digest, signatureClass, createdAt: ctx.now.toISOString() });
  const evidence = ctx.stepUp?.evidence;
  if (evidence !== undefined) {
    insertApprovalEvidence(ctx.db, { approvalId, credentialId: evidence.credentialId, assertion: JSON.stringify(evidence.assertion), digestInputs });
  }
  const counts = new Set(evidence === undefined ? countedIds : [...countedIds, approvalId]);
  const status = approvalStatusOf(ctx.policy, payment, activeApprovals(ctx.db, payment.id, digest).filter((approval) => counts.has(approval.id)));
  if (!status.executable) return { id: payment.id, status: payment.status, signatureClass, executable: false, missing: status.missing };
  const approved = transitionPayment(payment, 'approved');
  updatePayment(ctx.db, approved, accountId, payment.version, ctx.now);
  return { id: payment.id, status: approved.status, signatureClass, executable: true, missing: [] as string[] };
}
