import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from '../storeDialect.js';

/**
 * The statement feed: every booked line gets a sequence number in the order it was booked, so a device
 * syncs an account by cursor (`seq > after`) and misses nothing booked later, even with an older booking
 * date. Lines booked before this migration are numbered by account, booking date and reference.
 */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`CREATE TABLE statement_feed (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      iban text NOT NULL,
      entry_ref text NOT NULL,
      UNIQUE (iban, entry_ref),
      FOREIGN KEY (iban, entry_ref) REFERENCES statement_entries (iban, entry_ref)
    )`.execute(db);
  } else {
    await sql`CREATE TABLE statement_feed (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      iban TEXT NOT NULL,
      entry_ref TEXT NOT NULL,
      UNIQUE (iban, entry_ref),
      FOREIGN KEY (iban, entry_ref) REFERENCES statement_entries (iban, entry_ref)
    )`.execute(db);
  }
  await db.schema.createIndex('statement_feed_by_account').on('statement_feed').columns(['iban', 'seq']).execute();
  await sql`INSERT INTO statement_feed (iban, entry_ref) SELECT iban, entry_ref FROM statement_entries ORDER BY iban, booking_date, entry_ref`.execute(db);
}
