import type { PaymentStatusFeedResponse } from '../../contract/index.js';
import type { GatewayStore } from '../store/openStore.js';
import type { DeviceTable } from '../store/storeSchema.js';

/**
 * The status reports of the device's own organisation after the cursor `after`, in the order the bank signed
 * them, at most `limit`. Each is the bank's JWS as stored: the device checks it against the pinned bank key
 * (`verifyPaymentStatusReport`) and trusts nothing of the answer besides.
 */
export async function readPaymentStatusFeed(store: GatewayStore, device: DeviceTable, query: { after: number; limit: number }): Promise<PaymentStatusFeedResponse> {
  // One more than asked tells whether another page follows without counting the rest.
  const rows = await store.db
    .selectFrom('payment_status_feed')
    .select(['seq', 'report'])
    .where('org_id', '=', device.org_id)
    .where('seq', '>', query.after)
    .orderBy('seq')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  return { statuses: page.map((row) => ({ seq: row.seq, report: row.report })), next: page.at(-1)?.seq ?? query.after, more: rows.length > query.limit };
}
