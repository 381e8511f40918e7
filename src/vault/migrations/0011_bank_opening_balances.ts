import type { Migration } from './migration.js';

/**
 * The bank's opening balance of each account the vault takes over from its statement feed (issue 13): the booked
 * balance at the start of `as_of`, where the feed begins, in the account's currency. The account's balance is this
 * plus the feed's bookings, and every page the bank sends closes at that sum or is refused. A table of its own,
 * not columns of `accounts`: sealed account rows keep their digests. An account enrolled before this migration has
 * no row until the next sync takes its opening over (and adds it to the balance its bookings summed from 0).
 */
export const bankOpeningBalances: Migration = {
  version: 11,
  name: 'bank opening balances',
  up(db) {
    db.exec(`
      CREATE TABLE bank_opening_balances (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id),
        amount_minor INTEGER NOT NULL,
        currency TEXT NOT NULL,
        as_of TEXT NOT NULL,
        taken_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
