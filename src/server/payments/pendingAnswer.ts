import type { Kysely } from 'kysely';
import { CofferError, type PendingPaymentAnswer, type PendingPaymentStatus } from '../../contract/index.js';
import type { GatewayDatabase } from '../store/storeSchema.js';

/**
 * Where a payment id of the organisation stands now: an accepted payment (shared or not) with the approvers
 * that counted; a pending or withdrawn one with the users whose approvals the gateway holds under its current
 * share (a withdrawal or an edit starts a new one). SERVER_UNKNOWN_PAYMENT when the organisation has neither.
 */
export async function pendingAnswer(db: Kysely<GatewayDatabase>, orgId: string, paymentId: string): Promise<PendingPaymentAnswer> {
  const accepted = await db.selectFrom('payments').select(['digest', 'approvals']).where('org_id', '=', orgId).where('payment_id', '=', paymentId).executeTakeFirst();
  if (accepted) {
    const approvals = JSON.parse(accepted.approvals) as { userId: string }[];
    return { paymentId, digest: accepted.digest, status: 'accepted', approvedBy: approvals.map((approval) => approval.userId) };
  }
  const pending = await db.selectFrom('pending_payments').select(['digest', 'status', 'share_version']).where('org_id', '=', orgId).where('payment_id', '=', paymentId).executeTakeFirst();
  if (!pending) throw new CofferError('SERVER_UNKNOWN_PAYMENT', `expected a payment of ${orgId} shared for approval, found no ${paymentId}`);
  const approvers = await db.selectFrom('relayed_approvals').select('user_id').where('org_id', '=', orgId).where('payment_id', '=', paymentId).where('share_version', '=', pending.share_version).orderBy('user_id').execute();
  return { paymentId, digest: pending.digest, status: pending.status as PendingPaymentStatus, approvedBy: approvers.map((row) => row.user_id) };
}
