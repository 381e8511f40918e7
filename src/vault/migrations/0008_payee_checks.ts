import type { Migration } from './migration.js';

/**
 * Verification of Payee (issue 13): the bank's signed answers, kept whole (`answer`, a JWS by the bank key)
 * beside the fields read from them, so every read can verify the answer again and a row edited with the
 * data key is caught rather than believed. A table of its own, not columns of `payees` or `payments`:
 * sealed rows of those keep their digests, and a payment finds its check by its creditor's IBAN and name.
 */
export const payeeChecks: Migration = {
  version: 8,
  name: 'payee checks',
  up(db) {
    db.exec(`
      CREATE TABLE payee_checks (
        id TEXT PRIMARY KEY,
        iban TEXT NOT NULL,
        name TEXT NOT NULL,
        result TEXT NOT NULL,
        registered_name TEXT,
        checked_at TEXT NOT NULL,
        answer TEXT NOT NULL,
        payee_id TEXT REFERENCES payees(id),
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX payee_checks_by_party ON payee_checks (iban, name);
    `);
  },
};
