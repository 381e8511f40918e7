import { sql, type Kysely } from 'kysely';
import { CofferError } from '../../contract/index.js';
import type { StoreDialect } from '../store/storeDialect.js';
import type { GatewayDatabase } from '../store/storeSchema.js';

/** The largest bigint: the cursor that names "after every line". */
export const MAX_SEQ = '9223372036854775807';

/**
 * An account's booked balance after its last feed line at or before `seq` (MAX_SEQ: after its last line), or its
 * opening balance when no line comes before. One step down the (iban, seq) index from `seq`, for the reason
 * statementFeedQuery gives: on PostgreSQL a range between two row values, which only that index serves; on SQLite
 * the index named.
 */
export async function bookedBalanceAt(db: Kysely<GatewayDatabase>, dialect: StoreDialect, iban: string, seq: number | typeof MAX_SEQ): Promise<number> {
  const upTo = seq === MAX_SEQ ? sql.lit(MAX_SEQ) : sql`${seq}`;
  const line =
    dialect === 'sqlite'
      ? sql<{ balance: number }>`SELECT balance_after_minor AS balance FROM statement_feed INDEXED BY statement_feed_by_account
          WHERE iban = ${iban} AND seq <= ${upTo} ORDER BY seq DESC LIMIT 1`
      : sql<{ balance: number }>`SELECT balance_after_minor AS balance FROM statement_feed
          WHERE (iban, seq) >= (${iban}, 0) AND (iban, seq) <= (${iban}, ${upTo}) ORDER BY iban DESC, seq DESC LIMIT 1`;
  const found = (await line.execute(db)).rows[0];
  if (found !== undefined) return Number(found.balance);
  const account = await db.selectFrom('accounts').select('opening_balance_minor').where('iban', '=', iban).executeTakeFirst();
  if (account === undefined) throw new CofferError('SERVER_NOT_FOUND', `expected an account the bank holds, found no account ${iban.slice(0, 4)}…${iban.slice(-4)}`);
  return Number(account.opening_balance_minor);
}
