import type { Kysely } from 'kysely';
import type { StoreDialect } from '../storeDialect.js';

/**
 * Issue 13 item 5: the users' WebAuthn credentials the bank registered at enrolment, accepted payments (each
 * id once per organisation, by primary key), the answers stored under each device's Idempotency-Keys, and
 * the pain.001 files emitted. Same column types as migration 0001: text and 64-bit integers only.
 */
export async function up(db: Kysely<unknown>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('credentials')
    // A credential belongs to one user: a second registration of its id loses on this key.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('sign_count', 'bigint', (c) => c.notNull())
    .addColumn('aaguid', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addForeignKeyConstraint('credentials_user_fk', ['org_id', 'user_id'], 'org_users', ['org_id', 'user_id'])
    .execute();
  await db.schema.createIndex('credentials_by_user').on('credentials').columns(['org_id', 'user_id']).execute();
  await db.schema
    .createTable('payment_emissions')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('debtor_iban', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('payment_count', 'bigint', (c) => c.notNull())
    .addColumn('xml', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('payments')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('payment_id', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('debtor_iban', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('maker', 'text', (c) => c.notNull())
    // Canonical JSON of the order as submitted (the digest inputs and the maker).
    .addColumn('order_json', 'text', (c) => c.notNull())
    // JSON of the approvals that verified: user, credential, counter, assertion.
    .addColumn('approvals', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('accepted_at', 'bigint', (c) => c.notNull())
    .addColumn('emission_id', 'text', (c) => c.references('payment_emissions.message_id'))
    // Each payment id at most once per organisation, whatever races for it in any number of processes.
    .addPrimaryKeyConstraint('payments_pk', ['org_id', 'payment_id'])
    .execute();
  await db.schema.createIndex('payments_to_emit').on('payments').columns(['org_id', 'emission_id']).execute();
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    // SHA-256 of method, path and body: the same key with another request is refused, not answered.
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['device_id', 'key'])
    .execute();
}
