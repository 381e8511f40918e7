import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeOnEachStore } from '../../../../test/support/gatewayStores.js';
import { createOrganisation } from '../../bank/createOrganisation.js';
import { bookedBalanceAt, MAX_SEQ } from '../../statements/bookedBalanceAt.js';
import { bookStatementEntries } from '../../statements/bookStatementEntries.js';
import { openStore } from '../openStore.js';

const EUR = 'DE89370400440532013000';
const GBP = 'GB29NWBK60161331926819';
const USD = 'DE62370400440532013001';
const ADDED = Date.parse('2026-11-20T10:00:00Z');

describeOnEachStore('migration 0009 on a store with booked lines', (stores) => {
  it('opens each account at 0 where its feed began (its first line, else the day it was added), and gives every line its running balance, so the feed adds up as before', async () => {
    const old = await stores.fresh('0008_pending_payments');
    await createOrganisation(old, 'sam', { orgId: 'nordlicht', name: 'Nordlicht Handels GmbH' }, ADDED);
    // Accounts and lines as they were written before 0009: no opening, no balance per line; lines of two accounts interleaved.
    await sql`INSERT INTO accounts (iban, org_id, name, currency, bic, created_at) VALUES (${EUR}, 'nordlicht', 'Operating', 'EUR', NULL, ${ADDED}), (${GBP}, 'nordlicht', 'GBP', 'GBP', NULL, ${ADDED}),
      (${USD}, 'nordlicht', 'USD', 'USD', NULL, ${ADDED})`.execute(old.db);
    const lines = [
      [EUR, 'E1', '2026-11-03', 500_00],
      [GBP, 'G1', '2026-11-04', -20_00],
      [EUR, 'E2', '2026-11-02', -120_50],
      [EUR, 'E3', '2026-11-05', 7_25],
    ] as const;
    for (const [iban, ref, day, amount] of lines) {
      await sql`INSERT INTO statement_entries (iban, entry_ref, booking_date, value_date, amount_minor, currency, counterparty_name, counterparty_iban, remittance)
        VALUES (${iban}, ${ref}, ${day}, ${day}, ${amount}, ${iban === EUR ? 'EUR' : 'GBP'}, NULL, NULL, NULL)`.execute(old.db);
      await sql`INSERT INTO statement_feed (iban, entry_ref) VALUES (${iban}, ${ref})`.execute(old.db);
    }

    const store = await openStore(stores.optionsOf(old));
    try {
      const accounts = await store.db.selectFrom('accounts').select(['iban', 'opening_balance_minor', 'opening_balance_date']).orderBy('iban').execute();
      expect(accounts.map((a) => [a.iban, Number(a.opening_balance_minor), a.opening_balance_date])).toEqual([
        [USD, 0, '2026-11-20'],
        [EUR, 0, '2026-11-02'],
        [GBP, 0, '2026-11-04'],
      ]);
      const feed = await store.db.selectFrom('statement_feed').select(['entry_ref', 'balance_after_minor']).orderBy('seq').execute();
      expect(feed.map((row) => [row.entry_ref, Number(row.balance_after_minor)])).toEqual([
        ['E1', 500_00],
        ['G1', -20_00],
        ['E2', 379_50],
        ['E3', 386_75],
      ]);
      // Lines booked after the migration go on from there.
      await store.db.transaction().execute((trx) =>
        bookStatementEntries(trx, store.dialect, [{ iban: EUR, entry_ref: 'E4', booking_date: '2026-11-21', value_date: '2026-11-21', amount_minor: -86_75, currency: 'EUR', counterparty_name: null, counterparty_iban: null, remittance: null }]),
      );
      expect(await bookedBalanceAt(store.db, store.dialect, EUR, MAX_SEQ)).toBe(300_00);
    } finally {
      await store.close();
    }
  });
});
