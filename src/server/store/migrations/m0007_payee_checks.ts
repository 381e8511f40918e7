import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from '../storeDialect.js';

/**
 * Verification of Payee: every check the gateway answered, by whom it was asked and what it answered. The
 * name the payer typed is not kept (it may name a private person; the device keeps its own signed answer),
 * only the digest of the signed answer, which lets the bank recognise an answer a customer later shows it.
 */
export async function up(db: Kysely<unknown>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('payee_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('iban', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull().check(sql`result IN ('match', 'close-match', 'no-match', 'not-possible')`))
    .addColumn('answer_digest', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payee_checks_by_org').on('payee_checks').columns(['org_id', 'checked_at']).execute();
}
