import type { PendingPaymentFeedResponse, PaymentOrder } from '../../contract/index.js';
import type { GatewayStore } from '../store/openStore.js';
import type { DeviceTable } from '../store/storeSchema.js';

/**
 * The pending payments of the device's own organisation as they changed after the cursor `after`, oldest
 * first, at most `limit`: each with the order, its digest, the maker's sequence and device signature and that device's
 * certificate (the bank's JWS as stored), so the approver's vault checks offline, against the bank key it
 * pinned, that the maker's own device shared this order, and trusts nothing of the gateway's word besides.
 */
export async function readPendingPaymentFeed(store: GatewayStore, device: DeviceTable, query: { after: number; limit: number }): Promise<PendingPaymentFeedResponse> {
  // One more than asked tells whether another page follows without counting the rest.
  const rows = await store.db
    .selectFrom('pending_payment_feed')
    .innerJoin('devices', 'devices.id', 'pending_payment_feed.device_id')
    .select(['pending_payment_feed.seq', 'pending_payment_feed.order_json', 'pending_payment_feed.digest', 'pending_payment_feed.status', 'pending_payment_feed.sequence', 'pending_payment_feed.maker_signature', 'devices.certificate'])
    .where('pending_payment_feed.org_id', '=', device.org_id)
    .where('pending_payment_feed.seq', '>', query.after)
    // An entry signed before migration 0010 has no sequence and a v1 signature no vault verifies: left out.
    .where('pending_payment_feed.sequence', '>', 0)
    .orderBy('pending_payment_feed.seq')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  return {
    payments: page.map((row) => ({
      seq: row.seq,
      payment: JSON.parse(row.order_json) as PaymentOrder,
      digest: row.digest,
      status: row.status as 'pending' | 'withdrawn',
      sequence: row.sequence,
      makerSignature: row.maker_signature,
      makerCertificate: row.certificate,
    })),
    next: page.at(-1)?.seq ?? query.after,
    more: rows.length > query.limit,
  };
}
