import { sql } from 'kysely';
import { CofferError, canonicalJson, PENDING_PAYMENT_SIGNATURE_TAG, type PendingPaymentAnswer, type PendingPaymentStatement, type PendingPaymentSubmission } from '../../contract/index.js';
import { ed25519Verify } from '../../crypto/index.js';
import { appendGatewayAudit } from '../bank/appendGatewayAudit.js';
import { isUniqueViolation } from '../store/constraintViolation.js';
import type { GatewayStore } from '../store/openStore.js';
import type { DeviceTable } from '../store/storeSchema.js';
import { checkOrderPayable, digestOf, ensureMadeByDevice, storedPayment } from './acceptPayment.js';
import { appendPendingFeedEntry } from './appendPendingFeedEntry.js';
import { pendingAnswer } from './pendingAnswer.js';

const otherOrder = (paymentId: string) => new CofferError('SERVER_PAYMENT_ID_CONFLICT', `expected a new payment id or the order accepted under ${paymentId}, found another order under that id`);

export interface SharePendingPaymentOpts {
  device: DeviceTable;
  submission: PendingPaymentSubmission;
  now: number;
}

/** 201 for a change the gateway stored now, 200 for one it held already (or an id accepted before). */
export interface ShareOutcome {
  status: 200 | 201;
  body: PendingPaymentAnswer;
}

/** The bytes a maker's device signs for a pending payment: canonical JSON of the PendingPaymentStatement. */
export function pendingPaymentStatementBytes(statement: Omit<PendingPaymentStatement, 'tag'>): Buffer {
  const signed: PendingPaymentStatement = { tag: PENDING_PAYMENT_SIGNATURE_TAG, ...statement };
  return Buffer.from(canonicalJson(signed), 'utf8');
}

/**
 * Ensures the statement is newer than the one held (an approver's vault refuses an older one the same way): a
 * sequence above the held one passes; the very statement held (same sequence, digest and status, so the same
 * signed bytes) is an exact retry of a share whose answer was lost, answered as held; anything else at or below
 * the held sequence is an old or replayed statement. Returns whether it is the exact retry.
 */
function isExactRetry(held: { sequence: number; digest: string; status: string }, statement: { sequence: number; digest: string; status: string }, paymentId: string): boolean {
  if (statement.sequence > held.sequence) return false;
  if (statement.sequence === held.sequence && statement.digest === held.digest && statement.status === held.status) return true;
  throw new CofferError('SERVER_STALE_SHARE', `expected a maker's sequence above ${held.sequence} for payment ${paymentId}, or that very statement again, found sequence ${statement.sequence} (${statement.status}, digest ${statement.digest.slice(0, 12)}…)`);
}

/**
 * POST /v1/pending-payments, as a list of steps: the order is the device user's own; its digest is re-derived
 * with the domain's function; a pending order is payable now; the maker's device signed this digest, status and
 * sequence (so the approvers' vaults can check the maker's own signature and certificate, and the gateway cannot
 * show them a payment the maker never made); an id accepted before answers `accepted` for its digest and is a
 * conflict for another; an id another maker shared is a conflict; a sequence not above the held one is
 * SERVER_STALE_SHARE unless it is an exact retry. Then one transaction: the row upserted with its share version
 * raised (a withdrawn payment shared as pending again re-opens, and the approvals relayed under any earlier share
 * no longer count), one feed row, the audit entry. The same digest and status again changes nothing.
 */
export async function sharePendingPayment(store: GatewayStore, opts: SharePendingPaymentOpts): Promise<ShareOutcome> {
  const { device, submission, now } = opts;
  const order = submission.payment;
  ensureMadeByDevice(order, device);
  const digest = digestOf(order).toString('hex');
  if (submission.status === 'pending') await checkOrderPayable(store, device.org_id, order, now);
  const statement = { orgId: device.org_id, paymentId: order.id, digest, status: submission.status, sequence: submission.sequence };
  // Ensure the device key signed this very digest, status and sequence: approvers' vaults check the same bytes.
  if (!ed25519Verify(Buffer.from(device.public_key, 'base64url'), pendingPaymentStatementBytes(statement), Buffer.from(submission.makerSignature, 'base64url'))) {
    throw new CofferError('SERVER_BAD_MAKER_SIGNATURE', `expected the maker's device signature over payment ${order.id} at digest ${digest.slice(0, 12)}…, status ${submission.status} and sequence ${submission.sequence}, found one that does not verify`);
  }
  const accepted = await storedPayment(store, device.org_id, order.id);
  if (accepted) {
    if (accepted.digest !== digest) throw otherOrder(order.id);
    return { status: 200, body: await pendingAnswer(store.db, device.org_id, order.id) };
  }
  const share = () =>
    store.db.transaction().execute(async function shareInTransaction(trx): Promise<ShareOutcome> {
      // Lock the row (PostgreSQL) so a share and a relayed approval of this id take turns.
      if (store.dialect === 'postgres') await sql`SELECT 1 FROM pending_payments WHERE org_id = ${device.org_id} AND payment_id = ${order.id} FOR UPDATE`.execute(trx);
      const earlier = await trx.selectFrom('pending_payments').selectAll().where('org_id', '=', device.org_id).where('payment_id', '=', order.id).executeTakeFirst();
      if (earlier) {
        // Ensure one maker per payment id: another maker's share under it is refused.
        if (earlier.maker !== order.createdBy) throw new CofferError('SERVER_PAYMENT_ID_CONFLICT', `expected a new payment id or one ${order.createdBy} shared, found ${order.id} shared by another maker`);
        if (earlier.status === 'accepted') {
          if (earlier.digest !== digest) throw otherOrder(order.id);
          return { status: 200, body: await pendingAnswer(trx, device.org_id, order.id) };
        }
        if (isExactRetry(earlier, statement, order.id)) return { status: 200, body: await pendingAnswer(trx, device.org_id, order.id) };
        // A newer statement of what is held already changes nothing: no new share, so no approval is voided. Unless the
        // row was signed before sequences (0, migration 0010): the feed leaves it out, so it is shared anew.
        if (earlier.sequence > 0 && earlier.digest === digest && earlier.status === submission.status) return { status: 200, body: await pendingAnswer(trx, device.org_id, order.id) };
      }
      // Any other change is a new share: the approvals relayed under the earlier one never count again, even for
      // the same digest after a withdrawal or an edit there and back (approvers were told it was off or changed).
      const shareVersion = earlier ? earlier.share_version + 1 : 1;
      const row = { org_id: device.org_id, payment_id: order.id, digest, order_json: canonicalJson(order), maker: order.createdBy, device_id: device.id, maker_signature: submission.makerSignature, status: submission.status, share_version: shareVersion, sequence: submission.sequence, updated_at: now };
      if (earlier) {
        await trx.updateTable('pending_payments').set(row).where('org_id', '=', device.org_id).where('payment_id', '=', order.id).execute();
      } else {
        await trx.insertInto('pending_payments').values(row).execute();
      }
      await appendPendingFeedEntry(trx, store.dialect, row);
      await appendGatewayAudit(trx, store.dialect, {
        at: now,
        actor: `device:${device.id}`,
        action: submission.status === 'pending' ? 'payment.share' : 'payment.withdraw',
        orgId: device.org_id,
        details: { paymentId: order.id, digest, maker: order.createdBy, shareVersion, sequence: submission.sequence, ...(earlier ? { previousDigest: earlier.digest, previousStatus: earlier.status, previousSequence: earlier.sequence } : {}) },
      });
      return { status: 201, body: await pendingAnswer(trx, device.org_id, order.id) };
    });
  try {
    return await share();
  } catch (error) {
    // Two first shares of one id raced (any process): the loser runs once more against the winner's row, so it is
    // answered by the same rules as any later share (an exact retry, newer, stale, or another maker's).
    if (!isUniqueViolation(error, 'pending_payments')) throw error;
    return share();
  }
}
