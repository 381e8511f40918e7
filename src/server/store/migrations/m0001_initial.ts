import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from '../storeDialect.js';

/**
 * The first schema: the bank's organisations, users, rules, accounts and signed policies, the gateway's
 * own append-only audit log, activation codes, devices, request nonces and rate-limit counters. Integers
 * that hold epoch milliseconds or minor units are `bigint` (64-bit on PostgreSQL, INTEGER on SQLite).
 */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('bank_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alg', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('org_users')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'bigint')
    .addPrimaryKeyConstraint('org_users_pk', ['org_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('approval_rules')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('min_amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('max_amount_minor', 'bigint')
    .addColumn('approvers', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('approval_rules_pk', ['org_id', 'account', 'currency', 'min_amount_minor'])
    .execute();
  await db.schema
    .createTable('accounts')
    .addColumn('iban', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('bic', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('policies')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('jws', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('policies_pk', ['org_id', 'version'])
    .execute();
  await db.schema
    .createTable('gateway_audit')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('activation_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addForeignKeyConstraint('activation_codes_user_fk', ['org_id', 'user_id'], 'org_users', ['org_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('vault_id', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull().unique())
    // One code, one device: the constraint decides a race between two enrolments, not a prior read.
    .addColumn('activation_code_hash', 'text', (c) => c.notNull().unique().references('activation_codes.code_hash'))
    .addColumn('certificate', 'text', (c) => c.notNull())
    .addColumn('enrolled_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addForeignKeyConstraint('devices_user_fk', ['org_id', 'user_id'], 'org_users', ['org_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('request_nonces')
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_nonces_pk', ['device_id', 'nonce'])
    .execute();
  await db.schema.createIndex('request_nonces_created').on('request_nonces').column('created_at').execute();
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addColumn('reset_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('statement_entries')
    .addColumn('iban', 'text', (c) => c.notNull().references('accounts.iban'))
    .addColumn('entry_ref', 'text', (c) => c.notNull())
    .addColumn('booking_date', 'text', (c) => c.notNull())
    .addColumn('value_date', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('counterparty_name', 'text')
    .addColumn('counterparty_iban', 'text')
    .addColumn('remittance', 'text')
    .addPrimaryKeyConstraint('statement_entries_pk', ['iban', 'entry_ref'])
    .execute();
  await db.schema.createIndex('statement_entries_by_date').on('statement_entries').columns(['iban', 'booking_date']).execute();
  await makeAuditAppendOnly(db, dialect);
}

// The audit table refuses UPDATE and DELETE in the database itself, so no code path of ours (nor a
// mistaken query) can rewrite it; only someone with DDL rights can, and the hash chain shows that.
async function makeAuditAppendOnly(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  if (dialect === 'sqlite') {
    for (const event of ['UPDATE', 'DELETE']) {
      await sql
        .raw(`CREATE TRIGGER gateway_audit_no_${event.toLowerCase()} BEFORE ${event} ON gateway_audit BEGIN SELECT RAISE(ABORT, 'gateway_audit is append-only'); END`)
        .execute(db);
    }
    return;
  }
  await sql
    .raw(`CREATE FUNCTION gateway_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'gateway_audit is append-only'; END $$`)
    .execute(db);
  await sql
    .raw('CREATE TRIGGER gateway_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON gateway_audit FOR EACH STATEMENT EXECUTE FUNCTION gateway_audit_refuse()')
    .execute(db);
}
