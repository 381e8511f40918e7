import { MAX_RELAYED_APPROVALS, type PaymentStatusFeedResponse } from '../../contract/index.js';
import type { GatewayStore } from '../store/openStore.js';
import type { DeviceTable } from '../store/storeSchema.js';
import { relayedApprovalsOf } from './relayedApprovalsOf.js';

/**
 * The status reports of the device's own organisation after the cursor `after`, in the order the bank signed
 * them, at most `limit`. Each is the bank's JWS as stored: the device checks it against the pinned bank key
 * (`verifyPaymentStatusReport`) and trusts nothing of the answer besides. An `accepted` report of a payment that
 * approvals relayed between vaults completed carries those that counted (`approvals`), for every vault holding
 * the payment, the maker's too, to verify itself and list.
 */
export async function readPaymentStatusFeed(store: GatewayStore, device: DeviceTable, query: { after: number; limit: number }): Promise<PaymentStatusFeedResponse> {
  // One more than asked tells whether another page follows without counting the rest.
  const rows = await store.db
    .selectFrom('payment_status_feed')
    .leftJoin('pending_payments', (join) =>
      join.onRef('pending_payments.org_id', '=', 'payment_status_feed.org_id').onRef('pending_payments.payment_id', '=', 'payment_status_feed.payment_id').on('pending_payments.status', '=', 'accepted'),
    )
    .leftJoin('payments', (join) => join.onRef('payments.org_id', '=', 'payment_status_feed.org_id').onRef('payments.payment_id', '=', 'payment_status_feed.payment_id'))
    .select(['payment_status_feed.seq', 'payment_status_feed.report', 'payment_status_feed.payment_id', 'payment_status_feed.status', 'pending_payments.share_version', 'payments.approvals'])
    .where('payment_status_feed.org_id', '=', device.org_id)
    .where('payment_status_feed.seq', '>', query.after)
    .orderBy('payment_status_feed.seq')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const completed = page.flatMap((row) =>
    row.status === 'accepted' && row.share_version !== null && row.approvals !== null
      ? // Only those that counted: an approval the rule ignored (class T, no class) is stored but would be refused by every vault.
        [{ paymentId: row.payment_id, shareVersion: row.share_version, users: new Set((JSON.parse(row.approvals) as { userId: string }[]).map((approval) => approval.userId)) }]
      : [],
  );
  const relayed = await relayedApprovalsOf(store.db, device.org_id, completed);
  return {
    statuses: page.map((row) => {
      const approvals = row.status === 'accepted' ? relayed.get(row.payment_id)?.slice(0, MAX_RELAYED_APPROVALS) : undefined;
      return { seq: row.seq, report: row.report, ...(approvals && approvals.length > 0 ? { approvals } : {}) };
    }),
    next: page.at(-1)?.seq ?? query.after,
    more: rows.length > query.limit,
  };
}
