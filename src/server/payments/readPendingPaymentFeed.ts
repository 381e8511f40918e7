import { MAX_RELAYED_APPROVALS, type PendingPaymentFeedResponse, type PaymentOrder } from '../../contract/index.js';
import type { GatewayStore } from '../store/openStore.js';
import type { DeviceTable } from '../store/storeSchema.js';
import { relayedApprovalsOf } from './relayedApprovalsOf.js';

/**
 * The pending payments of the device's own organisation as they changed after the cursor `after`, oldest
 * first, at most `limit`: each with the order, its digest, the maker's sequence and device signature and that device's
 * certificate (the bank's JWS as stored), so the approver's vault checks offline, against the bank key it
 * pinned, that the maker's own device shared this order, and trusts nothing of the gateway's word besides. An
 * entry that states the payment's current pending share carries the approvals relayed under it so far, which
 * each vault verifies itself (`approvals`, absent when there are none).
 */
export async function readPendingPaymentFeed(store: GatewayStore, device: DeviceTable, query: { after: number; limit: number }): Promise<PendingPaymentFeedResponse> {
  // One more than asked tells whether another page follows without counting the rest.
  const rows = await store.db
    .selectFrom('pending_payment_feed')
    .innerJoin('devices', 'devices.id', 'pending_payment_feed.device_id')
    .leftJoin('pending_payments', (join) => join.onRef('pending_payments.org_id', '=', 'pending_payment_feed.org_id').onRef('pending_payments.payment_id', '=', 'pending_payment_feed.payment_id'))
    .select(['pending_payment_feed.seq', 'pending_payment_feed.payment_id', 'pending_payment_feed.order_json', 'pending_payment_feed.digest', 'pending_payment_feed.status', 'pending_payment_feed.sequence', 'pending_payment_feed.maker_signature', 'devices.certificate'])
    .select(['pending_payments.share_version', 'pending_payments.sequence as current_sequence', 'pending_payments.status as current_status', 'pending_payments.digest as current_digest'])
    .where('pending_payment_feed.org_id', '=', device.org_id)
    .where('pending_payment_feed.seq', '>', query.after)
    // An entry signed before migration 0010 has no sequence and a v1 signature no vault verifies: left out.
    .where('pending_payment_feed.sequence', '>', 0)
    .orderBy('pending_payment_feed.seq')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const ids = [...new Set(page.map((row) => row.payment_id))];
  const newest =
    ids.length === 0
      ? []
      : await store.db.selectFrom('pending_payment_feed').select(['payment_id', (eb) => eb.fn.max('seq').as('last')]).where('org_id', '=', device.org_id).where('payment_id', 'in', ids).groupBy('payment_id').execute();
  const last = new Map(newest.map((row) => [row.payment_id, Number(row.last)]));
  // Only a payment's newest entry carries its approvals (each relayed approval writes a newer one), so a vault judges
  // each approval once per change rather than once per entry. It must state the current share: a share's sequence is
  // its own (a newer one with the same digest and status is not stored); an earlier share's approvals never count.
  const current = page.filter((row) => row.seq === last.get(row.payment_id) && row.status === 'pending' && row.current_status === 'pending' && row.sequence === row.current_sequence && row.digest === row.current_digest);
  const relayed = await relayedApprovalsOf(store.db, device.org_id, current.map((row) => ({ paymentId: row.payment_id, shareVersion: row.share_version ?? 0 })));
  return {
    payments: page.map((row) => {
      const approvals = current.includes(row) ? relayed.get(row.payment_id)?.slice(0, MAX_RELAYED_APPROVALS) : undefined;
      return {
        seq: row.seq,
        payment: JSON.parse(row.order_json) as PaymentOrder,
        digest: row.digest,
        status: row.status as 'pending' | 'withdrawn',
        sequence: row.sequence,
        makerSignature: row.maker_signature,
        makerCertificate: row.certificate,
        ...(approvals && approvals.length > 0 ? { approvals } : {}),
      };
    }),
    next: page.at(-1)?.seq ?? query.after,
    more: rows.length > query.limit,
  };
}
