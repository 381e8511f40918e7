import type { Kysely } from 'kysely';
import type { StoreDialect } from '../storeDialect.js';

/**
 * Batch approvals at the gateway (issue 13 item 5): one assertion over a batch digest serves every payment of
 * its list, but its counter can be checked and raised once only. The first payment that carries it records
 * it here in its accepting transaction; the primary key decides between payments of one batch racing through
 * several processes, so the assertion's counter is raised exactly once and the others skip that check.
 */
export async function up(db: Kysely<unknown>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('batch_assertions')
    .addColumn('credential_id', 'text', (c) => c.notNull().references('credentials.id'))
    .addColumn('batch_digest', 'text', (c) => c.notNull())
    .addColumn('assertion_hash', 'text', (c) => c.notNull())
    .addColumn('sign_count', 'bigint', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('digests', 'text', (c) => c.notNull())
    .addColumn('payment_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('batch_assertions_pk', ['credential_id', 'batch_digest', 'assertion_hash'])
    .execute();
}
