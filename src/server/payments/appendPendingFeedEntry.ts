import { sql, type Transaction } from 'kysely';
import type { StoreDialect } from '../store/storeDialect.js';
import type { GatewayDatabase, PendingPaymentTable } from '../store/storeSchema.js';

/**
 * One row of the pending-payment feed stating `row`, the share as it stands, in the caller's transaction: written
 * by a share or withdrawal, and again by each approval relayed under the share, so a vault whose cursor has
 * passed the share still learns who approved it since (the approvals go with the entry as it is read).
 */
export async function appendPendingFeedEntry(trx: Transaction<GatewayDatabase>, dialect: StoreDialect, row: Omit<PendingPaymentTable, 'share_version' | 'maker'>): Promise<void> {
  // The feed is numbered at insert: locked against other writers until commit, as the status feed is.
  if (dialect === 'postgres') await sql`LOCK TABLE pending_payment_feed IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
  await trx
    .insertInto('pending_payment_feed')
    .values({ org_id: row.org_id, payment_id: row.payment_id, digest: row.digest, status: row.status, order_json: row.order_json, maker_signature: row.maker_signature, device_id: row.device_id, sequence: row.sequence, created_at: row.updated_at })
    .execute();
}
