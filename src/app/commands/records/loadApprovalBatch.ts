import { CofferError } from '../../../contract/index.js';
import { batchDigest, ensureNotExpired, paymentDigest } from '../../../domain/index.js';
import type { CommandContext } from '../../dispatch/defineCommand.js';
import { verifyApprovals } from '../../keys/verifyApprovals.js';
import { requirePayment, type StoredPayment } from './paymentRecords.js';
import type { PayeeCheckView } from '../../../api/index.js';
import { payeeCheckOf } from '../../payees/payeeCheckRecords.js';

export interface ApprovalBatchMember {
  stored: StoredPayment;
  /** The payment digest (hex) as the batch binds it. */
  digest: string;
  /** The approvals already given over this payment whose assertions verify again. */
  countedIds: string[];
  /** Verification of Payee for its creditor, as the approver is shown it before signing. */
  payeeCheck: PayeeCheckView;
}

export interface ApprovalBatch {
  /** In the order asked for. */
  members: ApprovalBatchMember[];
  /** The batch digest: the challenge one assertion signs for all of them. */
  digest: Buffer;
}

/**
 * The payments of a batch approval as stored now, each pending approval and not expired, with its digest and
 * the approvals it already carries; and the batch digest over them (docs/signing.md). Read-only.
 */
export async function loadApprovalBatch(ctx: CommandContext, ids: readonly string[]): Promise<ApprovalBatch> {
  const members: ApprovalBatchMember[] = [];
  for (const id of ids) {
    const stored = requirePayment(ctx.db, id);
    const { payment } = stored;
    if (payment.status !== 'pending_approval') throw new CofferError('APP_WRONG_STATUS', `expected payment ${payment.id} pending approval, found ${payment.status}`);
    ensureNotExpired(payment, ctx.now);
    // The approvals already given count only where their stored assertions verify (docs/signing.md).
    const { counted } = await verifyApprovals(ctx.vault, ctx.policyState, payment);
    const payeeCheck = await payeeCheckOf(ctx.vault, ctx.bankKey, payment.creditor, payment.id);
    members.push({ stored, digest: paymentDigest(payment).toString('hex'), countedIds: counted.map((approval) => approval.id), payeeCheck });
  }
  return { members, digest: batchDigest(members.map((member) => Buffer.from(member.digest, 'hex'))) };
}
