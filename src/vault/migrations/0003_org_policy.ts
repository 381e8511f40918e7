import type { Migration } from './migration.js';

/**
 * The organisation policy cached for offline use (docs/permissions.md "Offline"): the bank-signed JWS as
 * received, verified again at every session start, never trusted from these columns alone. One row: a vault
 * belongs to one organisation. `newest_issued_at` only grows, so restoring an older policy (with rights the
 * bank has since revoked) is refused as POLICY_STALE.
 */
export const orgPolicyCache: Migration = {
  version: 3,
  name: 'org policy cache',
  up(db) {
    db.exec(`
      CREATE TABLE org_policy (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        org_id TEXT NOT NULL,
        jws TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        newest_issued_at TEXT NOT NULL,
        stored_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX approvals_by_payment ON approvals (payment_id);
      CREATE INDEX payments_by_account ON payments (account_id, status);
      CREATE INDEX statement_transactions_by_booking ON statement_transactions (booking_date);
    `);
  },
};
