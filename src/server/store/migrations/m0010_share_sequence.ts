import type { Kysely } from 'kysely';
import type { StoreDialect } from '../storeDialect.js';

/**
 * The maker's freshness counter (issue 13): each pending payment and each feed entry keeps the `sequence` the
 * maker's device signed with it, so the gateway refuses a share older than the one it holds and an approver's
 * vault can refuse an old statement served again. Rows written before this migration carry a v1 signature,
 * which no vault verifies any more: they get 0 ("no sequence"), the feed leaves them out, and the maker's next
 * share (sequence 1 or more) replaces them. Both dialects take the same `ALTER TABLE … ADD COLUMN`.
 */
export async function up(db: Kysely<unknown>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('pending_payments').addColumn('sequence', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('pending_payment_feed').addColumn('sequence', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
}
