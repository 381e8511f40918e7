import type { Migration } from './migration.js';

/**
 * Payment statuses after acceptance (issue 13): what the bank reported of each payment, kept whole.
 * - `payment_status_reports`: one row per report taken over from GET /v1/payment-statuses, by the feed's seq,
 *   with the bank's JWS (`report`) beside the fields read from it, so every read verifies the report again
 *   with the pinned bank key and a row (or a payment's status) edited with the data key is caught, never believed.
 * - `payment_status_cursor` (one row): the feed position of the last report handled, written in the same
 *   transaction as that report, so an interrupted sync resumes where it stopped and records nothing twice.
 * Tables of their own, not columns of `payments`: sealed payment rows keep their digests (docs/audit.md).
 */
export const paymentStatuses: Migration = {
  version: 9,
  name: 'payment statuses',
  up(db) {
    db.exec(`
      CREATE TABLE payment_status_reports (
        seq INTEGER PRIMARY KEY CHECK (seq > 0),
        payment_id TEXT NOT NULL REFERENCES payments(id),
        digest TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        reported_at TEXT NOT NULL,
        report TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX payment_status_reports_by_payment ON payment_status_reports (payment_id, seq);
      CREATE TABLE payment_status_cursor (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        after_seq INTEGER NOT NULL CHECK (after_seq >= 0),
        synced_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
