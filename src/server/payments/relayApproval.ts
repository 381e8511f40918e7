import { sql, type Transaction } from 'kysely';
import { CofferError, PaymentOrder, type ApprovalSubmission, type PendingPaymentAnswer } from '../../contract/index.js';
import { ensureNotExpired } from '../../domain/index.js';
import { appendGatewayAudit } from '../bank/appendGatewayAudit.js';
import { loadBankKey } from '../bank/bankKey.js';
import type { RelyingParty } from '../credentials/relyingParty.js';
import { isUniqueViolation } from '../store/constraintViolation.js';
import type { GatewayStore } from '../store/openStore.js';
import type { DeviceTable, GatewayDatabase, PendingPaymentTable } from '../store/storeSchema.js';
import { ensureNotMaker, ruleStatus } from './acceptPayment.js';
import { appendPendingFeedEntry } from './appendPendingFeedEntry.js';
import { approvalChallenge } from './approvalChallenge.js';
import { countApprovals } from './countApprovals.js';
import { pendingAnswer } from './pendingAnswer.js';
import { acceptedPaymentRow, insertAcceptedPayment, reportAcceptance, type AcceptedPayment, type RecordedApproval } from './recordAcceptance.js';
import { assertionHash, verifyApproval, type VerifiedApproval } from './verifyApproval.js';

export interface RelayApprovalOpts {
  device: DeviceTable;
  submission: ApprovalSubmission;
  now: number;
  rp: RelyingParty;
}

async function pendingRow(db: Pick<Transaction<GatewayDatabase>, 'selectFrom'>, orgId: string, paymentId: string): Promise<PendingPaymentTable | undefined> {
  return db.selectFrom('pending_payments').selectAll().where('org_id', '=', orgId).where('payment_id', '=', paymentId).executeTakeFirst();
}

const reShared = (paymentId: string) => new CofferError('SERVER_STALE_APPROVAL', `expected an approval relayed for payment ${paymentId} as its maker shares it now, found one relayed before she withdrew or changed it: approve it again`);

/**
 * Refuses an approval of a payment that is not pending at this digest, or (given `shareVersion`, the share it
 * was checked against) one its maker shared again since; undefined when it stands.
 */
function refusalOf(row: PendingPaymentTable, digest: string, shareVersion?: number): CofferError | undefined {
  if (row.status === 'withdrawn') return new CofferError('SERVER_PAYMENT_WITHDRAWN', `expected a pending payment, found ${row.payment_id} withdrawn by its maker`);
  if (row.digest !== digest) return new CofferError('SERVER_STALE_APPROVAL', `expected an approval of payment ${row.payment_id} as it stands (digest ${row.digest.slice(0, 12)}…), found one of ${digest.slice(0, 12)}…: its maker changed it since`);
  if (row.status === 'pending' && shareVersion !== undefined && row.share_version !== shareVersion) return reShared(row.payment_id);
  return undefined;
}

/** The approvals relayed under the current share, as the policy and the payments row take them. */
async function relayedApprovals(trx: Transaction<GatewayDatabase>, row: PendingPaymentTable): Promise<Omit<RecordedApproval, 'counted'>[]> {
  const rows = await trx.selectFrom('relayed_approvals').selectAll().where('org_id', '=', row.org_id).where('payment_id', '=', row.payment_id).where('share_version', '=', row.share_version).orderBy('received_at').orderBy('user_id').execute();
  return rows.map((approval) => ({
    userId: approval.user_id,
    credentialId: approval.credential_id,
    signCount: approval.sign_count,
    assertion: JSON.parse(approval.assertion) as RecordedApproval['assertion'],
    ...(approval.batch_digest ? { batchDigest: approval.batch_digest } : {}),
  }));
}

/**
 * POST /v1/approvals, as a list of steps: the payment is one this organisation's maker shared (an id accepted
 * already answers `accepted`); it is not withdrawn; the approval is of its current digest; it is unexpired; the
 * assertion verifies exactly as a submission's approvals do (a batch approval must hold this digest); the key
 * is the device user's own; that user is not the maker; its counter grew. An exact retry, or a second approval
 * by the same user of the same share, answers where the payment stands and stores nothing; an assertion relayed
 * under an earlier share (before a withdrawal or an edit) is SERVER_STALE_APPROVAL. Then ONE
 * transaction, which first locks the pending row (so two approvers completing the rule at once in two processes
 * take turns and the second sees the first's approval): the approval stored, its counter raised, the rule
 * evaluated over every approval relayed under this share with the newest signed policy, and when it is met the
 * payment accepted exactly as a submission is (payments row, signed `accepted` report, `payment.accept`); when it
 * is not, the share stated again in the pending-payment feed, which carries the approvals to the other vaults.
 */
export async function relayApproval(store: GatewayStore, opts: RelayApprovalOpts): Promise<PendingPaymentAnswer> {
  const { device, submission, now } = opts;
  const { paymentId, digest, approval } = submission;
  const shared = await pendingRow(store.db, device.org_id, paymentId);
  if (!shared) return pendingAnswer(store.db, device.org_id, paymentId);
  if (shared.status === 'accepted') return pendingAnswer(store.db, device.org_id, paymentId);
  const refusal = refusalOf(shared, digest);
  if (refusal) throw refusal;
  const makerDevice = await store.db.selectFrom('devices').select('revoked_at').where('id', '=', shared.device_id).executeTakeFirst();
  // Ensure a payment shared from a device the bank revoked since (a leaver, a stolen laptop) is not completed by others.
  if (!makerDevice || makerDevice.revoked_at !== null) throw new CofferError('SERVER_PAYMENT_WITHDRAWN', `expected a payment shared from an active device, found ${paymentId} shared from device ${shared.device_id}, which the bank revoked`);
  const retried = await store.db
    .selectFrom('relayed_approvals')
    .select('share_version')
    .where('org_id', '=', device.org_id)
    .where('payment_id', '=', paymentId)
    .where('digest', '=', digest)
    .where('credential_id', '=', approval.credentialId)
    .where('assertion_hash', '=', assertionHash(approval.assertion))
    .orderBy('share_version', 'desc')
    .executeTakeFirst();
  // The very approval stored before (a retry after a lost answer): where the payment stands, nothing stored.
  if (retried?.share_version === shared.share_version) return pendingAnswer(store.db, device.org_id, paymentId);
  // Ensure an approval relayed under an earlier share is not counted again: a batch assertion would pass the counter check.
  if (retried) throw reShared(paymentId);
  const order = PaymentOrder.parse(JSON.parse(shared.order_json));
  ensureNotExpired(order, new Date(now));
  const { challenge, batch } = approvalChallenge(approval, Buffer.from(digest, 'hex'));
  const checked: VerifiedApproval = await verifyApproval(store.db, { orgId: device.org_id, approval, challenge, ...(batch ? { batch } : {}), rp: opts.rp });
  // Ensure a device relays only its own user's approvals: a key of another user is hers to use, not this device's.
  if (checked.userId !== device.user_id) throw new CofferError('SERVER_NOT_DEVICE_USER', `expected an approval by ${device.user_id}, the device's user, found one by credential ${checked.credentialId} of ${checked.userId}`);
  ensureNotMaker(checked, order);
  const bankKey = await loadBankKey(store.db, now);
  try {
    return await store.db.transaction().execute(async function relayInTransaction(trx) {
      // The lock first: an UPDATE of the pending row, only while it is still pending at this digest.
      const locked = await trx
        .updateTable('pending_payments')
        .set({ updated_at: sql`updated_at` })
        .where('org_id', '=', device.org_id)
        .where('payment_id', '=', paymentId)
        .where('status', '=', 'pending')
        .where('digest', '=', digest)
        .where('share_version', '=', shared.share_version)
        .executeTakeFirst();
      if (locked.numUpdatedRows !== 1n) {
        // Changed since it was read (accepted, withdrawn, edited or shared again by a request that committed first).
        const current = await pendingRow(trx, device.org_id, paymentId);
        const changed = current ? refusalOf(current, digest, shared.share_version) : undefined;
        if (changed) throw changed;
        return pendingAnswer(trx, device.org_id, paymentId);
      }
      const already = await trx.selectFrom('relayed_approvals').select('user_id').where('org_id', '=', device.org_id).where('payment_id', '=', paymentId).where('share_version', '=', shared.share_version).where('user_id', '=', checked.userId).executeTakeFirst();
      // A second approval by the same user of the same share counts once: nothing stored, no counter raised.
      if (already) return pendingAnswer(trx, device.org_id, paymentId);
      await trx
        .insertInto('relayed_approvals')
        .values({
          org_id: device.org_id,
          payment_id: paymentId,
          digest,
          share_version: shared.share_version,
          user_id: checked.userId,
          credential_id: checked.credentialId,
          assertion: JSON.stringify(checked.assertion),
          assertion_hash: checked.assertionHash,
          sign_count: checked.signCount,
          batch_digest: checked.batch?.digest ?? null,
          batch_digests: checked.batch ? JSON.stringify(checked.batch.digests) : null,
          device_id: device.id,
          received_at: now,
        })
        .execute();
      const raised = await countApprovals(trx, [checked], { orgId: device.org_id, paymentId, now });
      const approvals = await relayedApprovals(trx, shared);
      const status = await ruleStatus(trx, device.org_id, order, approvals);
      if (!status.executable) {
        // The share stated again with this approval beside it: the other vaults learn who approved (feed before audit, as a share locks them).
        await appendPendingFeedEntry(trx, store.dialect, { ...shared, updated_at: now });
        await appendGatewayAudit(trx, store.dialect, {
          at: now,
          actor: `device:${device.id}`,
          action: 'payment.approve',
          orgId: device.org_id,
          details: { paymentId, digest, userId: checked.userId, credentialId: checked.credentialId, signCount: checked.signCount, counterRaised: raised.has(checked.credentialId), ...(checked.batch ? { batchDigest: checked.batch.digest } : {}), missing: status.reason },
        });
        return pendingAnswer(trx, device.org_id, paymentId);
      }
      const counted = new Set(status.counted.map((approval) => approval.userId));
      const accepted: AcceptedPayment = { orgId: device.org_id, order, digest, approvals: approvals.map((one) => ({ ...one, counted: counted.has(one.userId) })), makerDeviceId: shared.device_id, now };
      await insertAcceptedPayment(trx, acceptedPaymentRow(accepted));
      await reportAcceptance(trx, store.dialect, bankKey.signingKey, accepted, { actor: `device:${device.id}`, raised, relayed: true });
      return pendingAnswer(trx, device.org_id, paymentId);
    });
  } catch (error) {
    // The same user's approval raced in through another request, or the id was accepted by a submission first.
    if (isUniqueViolation(error, 'relayed_approvals') || isUniqueViolation(error, 'payments_pk') || isUniqueViolation(error, 'payments.')) return pendingAnswer(store.db, device.org_id, paymentId);
    throw error;
  }
}
