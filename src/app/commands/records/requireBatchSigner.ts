import { CofferError } from '../../../contract/index.js';
import type { Payment } from '../../../domain/index.js';
import type { CommandContext } from '../../dispatch/defineCommand.js';
import { activeApprovals } from './approvalRecords.js';
import type { ApprovalBatch } from './loadApprovalBatch.js';
import { requireSigner } from './requireSigner.js';

/**
 * Each payment of the batch under its own approval rule: the acting user did not make it, holds a class other
 * than T in its rule, and has not approved it already. One payment that fails refuses the whole batch (before
 * any key is asked), naming the payment.
 */
export function requireBatchSigner(ctx: CommandContext, batch: ApprovalBatch): void {
  for (const { stored: { payment }, digest, countedIds } of batch.members) requireApprover(ctx, payment, digest, countedIds);
}

/**
 * The acting user may approve this payment: a signer of its rule (requireSigner) whose approval over `digest`
 * (hex) is not already among those that count.
 */
export function requireApprover(ctx: CommandContext, payment: Payment, digest: string, countedIds: readonly string[]): void {
  requireSigner(ctx.policy, ctx.userId, payment);
  if (activeApprovals(ctx.db, payment.id, digest).some((approval) => approval.userId === ctx.userId && countedIds.includes(approval.id))) {
    throw new CofferError('APP_ALREADY_APPROVED', `payment ${payment.id} already carries your approval`);
  }
}
