import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from '../storeDialect.js';

/**
 * The balances a statement feed needs to add up (camt.053's OPBD and CLBD booked balances):
 * - `accounts.opening_balance_minor` and `opening_balance_date`: the account's booked balance at the start of that
 *   day, where its feed begins, in the account's currency. Accounts added before this migration open at 0 on the
 *   day of their first booked line (or the day they were added): what the feed said until now.
 * - `statement_feed.balance_after_minor`: the account's booked balance after each line, in feed order (opening plus
 *   every line up to it), so a page carries its closing balance without summing the account's history. Lines booked
 *   before this migration are summed once here.
 * NOT NULL with a default, as SQLite adds no NOT NULL column without one; every writer sets both.
 */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('opening_balance_minor', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('accounts').addColumn('opening_balance_date', 'text', (c) => c.notNull().defaultTo('')).execute();
  const addedOn = dialect === 'postgres' ? sql`to_char(to_timestamp(created_at / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD')` : sql`date(created_at / 1000, 'unixepoch')`;
  await sql`UPDATE accounts SET opening_balance_date = coalesce((SELECT min(e.booking_date) FROM statement_entries e WHERE e.iban = accounts.iban), ${addedOn})`.execute(db);

  await db.schema.alterTable('statement_feed').addColumn('balance_after_minor', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
  await sql`UPDATE statement_feed SET balance_after_minor = running.balance
    FROM (SELECT f.seq, sum(e.amount_minor) OVER (PARTITION BY f.iban ORDER BY f.seq) AS balance
          FROM statement_feed f JOIN statement_entries e ON e.iban = f.iban AND e.entry_ref = f.entry_ref) AS running
    WHERE statement_feed.seq = running.seq`.execute(db);
}
