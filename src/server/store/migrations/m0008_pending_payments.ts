import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from '../storeDialect.js';

/**
 * Approvals between vaults (issue 13): the payments makers share for approval, each change of them as a feed
 * the organisation's devices pull by cursor, and the approvals approvers' devices relay. A pending payment is
 * one row per (organisation, payment id); a relayed approval one row per (organisation, payment, share, user),
 * so an approver's second approval of the same share stores nothing. Text and 64-bit integers only.
 */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('pending_payments')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('payment_id', 'text', (c) => c.notNull())
    // Payment digest (hex) of the order as it stands now: approvals of any other digest are stale.
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('order_json', 'text', (c) => c.notNull())
    .addColumn('maker', 'text', (c) => c.notNull())
    // The maker's device whose key made `maker_signature`, and whose certificate the feed hands out.
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('maker_signature', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('pending', 'withdrawn', 'accepted')`))
    // Raised by every change the maker shares (digest or status): approvals count only for the share they came under.
    .addColumn('share_version', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('pending_payments_pk', ['org_id', 'payment_id'])
    .execute();
  const seq = dialect === 'postgres' ? sql`seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY` : sql`seq INTEGER PRIMARY KEY AUTOINCREMENT`;
  await sql`CREATE TABLE pending_payment_feed (
    ${seq},
    org_id text NOT NULL,
    payment_id text NOT NULL,
    digest text NOT NULL,
    status text NOT NULL CHECK (status IN ('pending', 'withdrawn')),
    order_json text NOT NULL,
    maker_signature text NOT NULL,
    device_id text NOT NULL REFERENCES devices (id),
    created_at bigint NOT NULL,
    FOREIGN KEY (org_id, payment_id) REFERENCES pending_payments (org_id, payment_id)
  )`.execute(db);
  await db.schema.createIndex('pending_payment_feed_by_org').on('pending_payment_feed').columns(['org_id', 'seq']).execute();
  await db.schema
    .createTable('relayed_approvals')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('payment_id', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    // The pending row's share_version it was relayed under: one of an earlier share (before a withdrawal or an
    // edit, even back to this digest) never counts again, and the row stays as evidence.
    .addColumn('share_version', 'bigint', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('credential_id', 'text', (c) => c.notNull().references('credentials.id'))
    // JSON of the WebAuthn assertion as received: the evidence the payments row copies when it counts.
    .addColumn('assertion', 'text', (c) => c.notNull())
    // SHA-256 (base64url) of the assertion: tells an exact retry from a second approval.
    .addColumn('assertion_hash', 'text', (c) => c.notNull())
    .addColumn('sign_count', 'bigint', (c) => c.notNull())
    // The batch digest (hex) the assertion signed, and the batch's digests (JSON), when it was a batch approval.
    .addColumn('batch_digest', 'text')
    .addColumn('batch_digests', 'text')
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('relayed_approvals_pk', ['org_id', 'payment_id', 'share_version', 'user_id'])
    .addForeignKeyConstraint('relayed_approvals_pending_fk', ['org_id', 'payment_id'], 'pending_payments', ['org_id', 'payment_id'])
    .execute();
}
