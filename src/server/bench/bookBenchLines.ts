import { sql } from 'kysely';
import { bookedBalanceAt, MAX_SEQ } from '../statements/bookedBalanceAt.js';
import type { GatewayStore } from '../store/openStore.js';

/** Lines per transaction: big enough for the database's bulk path, small enough to keep one transaction's WAL in bounds. */
const CHUNK = 1_000_000;

/**
 * Books `count` generated statement lines (BENCH-<from> onwards) on `iban` and appends them to its feed, the
 * rows generated inside the database (generate_series on PostgreSQL, a recursive CTE on SQLite) so ten
 * million lines load in minutes, not hours. A bench store is fresh and has no other writer, so the feed's
 * writer lock (bookStatementEntries.ts) is not needed. Ends with ANALYZE, as autovacuum would after a bulk
 * load: the planner must know the table is large to pick the index.
 */
export async function bookBenchLines(store: GatewayStore, iban: string, from: number, count: number): Promise<void> {
  for (let at = from; at < from + count; at += CHUNK) {
    const last = Math.min(at + CHUNK, from + count) - 1;
    await store.db.transaction().execute(async (trx) => {
      // Each feed line carries the account's balance after it (bookStatementEntries): the last one's, plus the running sum.
      const base = await bookedBalanceAt(trx, store.dialect, iban, MAX_SEQ);
      if (store.dialect === 'postgres') {
        await sql`INSERT INTO statement_entries (iban, entry_ref, booking_date, value_date, amount_minor, currency, counterparty_name, counterparty_iban, remittance)
          SELECT ${iban}, 'BENCH-' || n, d, d, ((n * 7919) % 200000) - 100000, 'EUR', 'Kiosk am Markt', NULL, 'Invoice ' || n
          FROM generate_series(${at}::bigint, ${last}::bigint) AS n,
            LATERAL (SELECT '2026-' || lpad((1 + n % 12)::text, 2, '0') || '-' || lpad((1 + n % 28)::text, 2, '0') AS d) AS day`.execute(trx);
        await sql`INSERT INTO statement_feed (iban, entry_ref, balance_after_minor)
          SELECT ${iban}, 'BENCH-' || n, ${base}::bigint + sum(((n * 7919) % 200000) - 100000) OVER (ORDER BY n)
          FROM generate_series(${at}::bigint, ${last}::bigint) AS n ORDER BY n`.execute(trx);
      } else {
        await sql`WITH RECURSIVE s(n) AS (SELECT ${at} UNION ALL SELECT n + 1 FROM s WHERE n < ${last})
          INSERT INTO statement_entries (iban, entry_ref, booking_date, value_date, amount_minor, currency, counterparty_name, counterparty_iban, remittance)
          SELECT ${iban}, 'BENCH-' || n, d, d, ((n * 7919) % 200000) - 100000, 'EUR', 'Kiosk am Markt', NULL, 'Invoice ' || n
          FROM (SELECT n, printf('2026-%02d-%02d', 1 + n % 12, 1 + n % 28) AS d FROM s)`.execute(trx);
        await sql`WITH RECURSIVE s(n) AS (SELECT ${at} UNION ALL SELECT n + 1 FROM s WHERE n < ${last})
          INSERT INTO statement_feed (iban, entry_ref, balance_after_minor)
          SELECT ${iban}, 'BENCH-' || n, ${base} + sum(((n * 7919) % 200000) - 100000) OVER (ORDER BY n) FROM s ORDER BY n`.execute(trx);
      }
    });
  }
  await sql`ANALYZE statement_feed`.execute(store.db);
  await sql`ANALYZE statement_entries`.execute(store.db);
}
