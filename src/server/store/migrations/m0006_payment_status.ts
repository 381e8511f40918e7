import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from '../storeDialect.js';

/**
 * A payment's status after acceptance (issue 13 item 4): `accepted`, then `executed` or `rejected` with an
 * ISO 20022 reason, set by bank staff; and the status feed devices sync by cursor, each entry a report signed
 * by the bank key. The feed's unique key keeps one report per payment and status, whatever races. Payments
 * accepted before this migration are `accepted` without a report in the feed until they are marked.
 */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('payments').addColumn('status', 'text', (c) => c.notNull().defaultTo('accepted')).execute();
  await db.schema.alterTable('payments').addColumn('status_reason', 'text').execute();
  const seq = dialect === 'postgres' ? sql`seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY` : sql`seq INTEGER PRIMARY KEY AUTOINCREMENT`;
  await sql`CREATE TABLE payment_status_feed (
    ${seq},
    org_id text NOT NULL,
    payment_id text NOT NULL,
    status text NOT NULL,
    report text NOT NULL,
    created_at bigint NOT NULL,
    UNIQUE (org_id, payment_id, status),
    FOREIGN KEY (org_id, payment_id) REFERENCES payments (org_id, payment_id)
  )`.execute(db);
  await db.schema.createIndex('payment_status_feed_by_org').on('payment_status_feed').columns(['org_id', 'seq']).execute();
}
