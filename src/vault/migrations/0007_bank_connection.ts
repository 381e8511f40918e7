import type { Migration } from './migration.js';

/**
 * The vault's link to its bank (issue 13): what enrolment learnt and sync keeps up to date.
 * - `bank_connection` (one row): the gateway's URL, the device id the bank gave, the bank's verification key
 *   pinned at enrolment (the vault's trust anchor for policies from then on), the device certificate the bank
 *   signed (checked at every session start against the vault's user, vault id and device key), and the
 *   witness's key (checked against every cosignature).
 * - `statement_cursors`: per account, the feed position of the last booking taken over; written in the same
 *   transaction as the bookings, so an interrupted sync resumes where it stopped and books nothing twice.
 * - `payment_outbox`: approved payments waiting for the gateway, each with the Idempotency-Key it is always sent
 *   with, so a retry after a lost answer is the same request and the bank executes it once.
 * - `witness_cosignatures`: the witness's cosigned checkpoints (C2SP tlog-cosignature), by tree size.
 */
export const bankConnection: Migration = {
  version: 7,
  name: 'bank connection',
  up(db) {
    db.exec(`
      CREATE TABLE bank_connection (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        gateway_url TEXT NOT NULL,
        device_id TEXT NOT NULL,
        org_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        bank_key_alg TEXT NOT NULL,
        bank_key TEXT NOT NULL,
        device_certificate TEXT NOT NULL,
        witness_name TEXT NOT NULL,
        witness_key TEXT NOT NULL,
        enrolled_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE statement_cursors (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id),
        after_seq INTEGER NOT NULL CHECK (after_seq >= 0),
        synced_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE payment_outbox (
        payment_id TEXT PRIMARY KEY REFERENCES payments(id),
        idempotency_key TEXT NOT NULL UNIQUE,
        queued_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        answered_at TEXT,
        answer_status INTEGER,
        answer TEXT
      ) STRICT;
      CREATE TABLE witness_cosignatures (
        size INTEGER PRIMARY KEY,
        checkpoint TEXT NOT NULL,
        received_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
