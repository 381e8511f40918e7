import type { Migration } from './migration.js';

/**
 * The audit log (docs/audit.md): entries are the exact bytes hashed into RFC 9162 leaves; `audit_nodes`
 * keeps the hash of every perfect subtree above the leaves (level ≥ 1; a leaf hash is recomputed from its
 * entry) so appends and proofs touch O(log n) rows; checkpoints are
 * signed notes by the device key, which lives here, inside the encrypted file.
 */
export const auditLog: Migration = {
  version: 2,
  name: 'audit log',
  up(db) {
    db.exec(`
      CREATE TABLE audit_entries (seq INTEGER PRIMARY KEY, data BLOB NOT NULL) STRICT;
      CREATE TABLE audit_nodes (
        level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE audit_checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;
      CREATE TABLE device_keys (
        purpose TEXT PRIMARY KEY, name TEXT NOT NULL, seed BLOB NOT NULL, public_key BLOB NOT NULL, created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
