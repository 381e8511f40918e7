import { sql, type Transaction } from 'kysely';
import type { StoreDialect } from '../store/storeDialect.js';
import type { GatewayDatabase, StatementEntryTable } from '../store/storeSchema.js';

// Rows per INSERT: PostgreSQL allows 65,535 parameters a statement, SQLite 32,766; 9 columns each.
const INSERT_BATCH = 1000;

/**
 * Books statement lines and appends them to the feed devices sync from, inside the caller's transaction.
 * On PostgreSQL the feed is locked against other writers until commit: sequence numbers are handed out at
 * insert, so without the lock a line numbered 11 could commit before line 10, a device could sync past 10,
 * and 10 would never reach it. Readers are not blocked. SQLite has one writer at a time anyway.
 */
export async function bookStatementEntries(trx: Transaction<GatewayDatabase>, dialect: StoreDialect, entries: readonly StatementEntryTable[]): Promise<void> {
  if (entries.length === 0) return;
  if (dialect === 'postgres') await sql`LOCK TABLE statement_feed IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
  for (let at = 0; at < entries.length; at += INSERT_BATCH) {
    const batch = entries.slice(at, at + INSERT_BATCH);
    await trx.insertInto('statement_entries').values(batch).execute();
    await trx
      .insertInto('statement_feed')
      .values(batch.map((entry) => ({ iban: entry.iban, entry_ref: entry.entry_ref })))
      .execute();
  }
}
