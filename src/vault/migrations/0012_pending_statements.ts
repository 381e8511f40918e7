import type { Migration } from './migration.js';

/**
 * The maker's freshness counter for approvals between vaults (issue 13): `pending_statements` keeps, per
 * payment, the newest maker's statement {sequence, digest, status} this vault holds.
 * - For the vault user's own payments: the last one its device signed. It is written (and the sequence raised)
 *   before the signature leaves the vault, so no two statements of one payment ever share a sequence, even when
 *   an answer is lost or the process dies; a share whose answer was lost is sent again with the same sequence.
 * - For payments received from another maker: the newest one believed from the feed, so an older statement, or
 *   another one under the same sequence, is refused however the gateway serves it.
 *   No foreign key to `payments`: a statement believed of a payment not held here (a withdrawal seen first, a
 *   share refused for an account not synced yet) must bar its older ones too.
 * A table of its own, not columns of `shared_payments` or `received_payments`: sealed rows of those keep their digests.
 */
export const pendingStatements: Migration = {
  version: 12,
  name: 'pending statements',
  up(db) {
    db.exec(`
      CREATE TABLE pending_statements (
        payment_id TEXT PRIMARY KEY,
        sequence INTEGER NOT NULL CHECK (sequence > 0),
        digest TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'withdrawn')),
        recorded_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
