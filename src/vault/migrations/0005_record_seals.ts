import type { Migration } from './migration.js';

/**
 * Which audit entry produced each audited record's current version, and the digest of that version
 * (docs/audit.md "The log covers the data"). The entries themselves carry the same digests; this table is
 * the index that lets `audit verify` match every row of the banking tables to its entry.
 */
export const recordSeals: Migration = {
  version: 5,
  name: 'record seals',
  up(db) {
    db.exec(`
      CREATE TABLE record_seals (
        tbl TEXT NOT NULL,
        id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        digest BLOB NOT NULL,
        PRIMARY KEY (tbl, id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX record_seals_by_seq ON record_seals (seq, tbl);
    `);
  },
};
