import { sql, type Transaction } from 'kysely';
import type { PaymentStatusReport } from '../../contract/index.js';
import type { JwsSigningKey } from '../../crypto/index.js';
import { signPaymentStatusReport } from '../../domain/index.js';
import type { StoreDialect } from '../store/storeDialect.js';
import type { GatewayDatabase } from '../store/storeSchema.js';

/**
 * Signs the report with the bank key and appends it to the status feed, inside the caller's transaction.
 * On PostgreSQL the feed is locked against other writers until commit, as the statement feed is: sequence
 * numbers are handed out at insert, so without the lock report 11 could commit before report 10, a device
 * could sync past 10, and 10 would never reach it. Callers take this lock before the audit log's, always.
 */
export async function appendPaymentStatus(trx: Transaction<GatewayDatabase>, dialect: StoreDialect, bankKey: JwsSigningKey, report: PaymentStatusReport, now: number): Promise<void> {
  const jws = await signPaymentStatusReport(report, bankKey);
  if (dialect === 'postgres') await sql`LOCK TABLE payment_status_feed IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
  await trx.insertInto('payment_status_feed').values({ org_id: report.orgId, payment_id: report.paymentId, status: report.status, report: jws, created_at: now }).execute();
}
