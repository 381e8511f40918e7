import { sql, type Transaction } from 'kysely';
import { CofferError } from '../../contract/index.js';
import type { StoreDialect } from '../store/storeDialect.js';
import type { GatewayDatabase, StatementEntryTable } from '../store/storeSchema.js';
import { bookedBalanceAt, MAX_SEQ } from './bookedBalanceAt.js';

// Rows per INSERT: PostgreSQL allows 65,535 parameters a statement, SQLite 32,766; 9 columns each.
const INSERT_BATCH = 1000;

/** Each line with its account's booked balance after it: the account's balance before the first, plus each line. */
async function withBalances(trx: Transaction<GatewayDatabase>, dialect: StoreDialect, entries: readonly StatementEntryTable[]): Promise<{ entry: StatementEntryTable; balanceAfter: number }[]> {
  const accounts = new Map<string, { currency: string; balance: number }>();
  const booked: { entry: StatementEntryTable; balanceAfter: number }[] = [];
  for (const entry of entries) {
    let account = accounts.get(entry.iban);
    if (account === undefined) {
      const row = await trx.selectFrom('accounts').select('currency').where('iban', '=', entry.iban).executeTakeFirst();
      if (row === undefined) throw new CofferError('SERVER_NOT_FOUND', `expected lines of an account the bank holds, found ${entry.iban.slice(0, 4)}…${entry.iban.slice(-4)}`);
      account = { currency: row.currency, balance: await bookedBalanceAt(trx, dialect, entry.iban, MAX_SEQ) };
      accounts.set(entry.iban, account);
    }
    // Ensure every line is in its account's currency: a balance sums one currency only.
    if (entry.currency !== account.currency) {
      throw new CofferError('SERVER_BAD_REQUEST', `expected lines in ${account.currency}, the currency of ${entry.iban.slice(0, 4)}…${entry.iban.slice(-4)}, found ${entry.currency}`);
    }
    account.balance += entry.amount_minor;
    booked.push({ entry, balanceAfter: account.balance });
  }
  return booked;
}

/**
 * Books statement lines and appends them to the feed devices sync from, each with its account's booked balance
 * after it, inside the caller's transaction. On PostgreSQL the feed is locked against other writers until commit:
 * sequence numbers are handed out at insert, so without the lock a line numbered 11 could commit before line 10,
 * a device could sync past 10, and 10 would never reach it; the lock also keeps two bookings from summing from the
 * same balance. Readers are not blocked. SQLite has one writer at a time anyway.
 */
export async function bookStatementEntries(trx: Transaction<GatewayDatabase>, dialect: StoreDialect, entries: readonly StatementEntryTable[]): Promise<void> {
  if (entries.length === 0) return;
  if (dialect === 'postgres') await sql`LOCK TABLE statement_feed IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
  const booked = await withBalances(trx, dialect, entries);
  for (let at = 0; at < booked.length; at += INSERT_BATCH) {
    const batch = booked.slice(at, at + INSERT_BATCH);
    await trx.insertInto('statement_entries').values(batch.map(({ entry }) => entry)).execute();
    await trx
      .insertInto('statement_feed')
      .values(batch.map(({ entry, balanceAfter }) => ({ iban: entry.iban, entry_ref: entry.entry_ref, balance_after_minor: balanceAfter })))
      .execute();
  }
}
