/**
 * Someone with write access to the gateway's store (an insider, or whoever took the database) rewrites the bank's
 * statement lines after they were booked: an amount altered, or a line withheld from the feed. The feed's running
 * balance is the bank's (booked with each line), so the page's lines no longer add up to its closing balance, and
 * the vault refuses the page instead of showing a balance the bank never had.
 */
import { sql, type Selectable } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { demoBankWithCode, enrolFreshVault } from '../support/enrolledVault.js';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { startTestGateway } from '../support/gatewayClient.js';
import { expectBankBalances, vaultBalances } from '../support/bankBalances.js';
import { auditEntries, entryTextWithoutIds } from '../fixtures/demo/demoVault.js';
import { dispatch, openSession } from '../../src/app/index.js';
import type { GatewayStore } from '../../src/server/index.js';
import { bookStatementEntries } from '../../src/server/statements/bookStatementEntries.js';
import type { StatementFeedTable } from '../../src/server/store/storeSchema.js';
import type { UnlockedVault } from '../../src/vault/index.js';

const EUR = 'DE89370400440532013000';

const open: UnlockedVault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.lock();
});

const newLines = Array.from({ length: 3 }, (_, n) => ({
  iban: EUR, entry_ref: `LATE-${n + 1}`, booking_date: '2026-11-30', value_date: '2026-11-30', amount_minor: (n + 1) * 1000_00, currency: 'EUR',
  counterparty_name: 'Kiosk am Markt', counterparty_iban: null, remittance: `late ${n + 1}`,
}));

let withheld: Selectable<StatementFeedTable> | undefined;

const rewrites: { name: string; rewrite: (store: GatewayStore) => Promise<unknown>; undo: (store: GatewayStore) => Promise<unknown> }[] = [
  {
    name: 'an amount raised',
    rewrite: (store) => store.db.updateTable('statement_entries').set({ amount_minor: 9000_00 }).where('entry_ref', '=', 'LATE-2').execute(),
    undo: (store) => store.db.updateTable('statement_entries').set({ amount_minor: 2000_00 }).where('entry_ref', '=', 'LATE-2').execute(),
  },
  {
    name: 'a line withheld from the feed',
    rewrite: async (store) => {
      withheld = await store.db.selectFrom('statement_feed').selectAll().where('entry_ref', '=', 'LATE-1').executeTakeFirstOrThrow();
      await store.db.deleteFrom('statement_feed').where('entry_ref', '=', 'LATE-1').execute();
    },
    // Back at its own place in the feed (an identity column takes an explicit value only when told to).
    undo: async (store) => {
      const { seq, iban, entry_ref, balance_after_minor } = withheld ?? {};
      const overriding = store.dialect === 'postgres' ? sql`OVERRIDING SYSTEM VALUE` : sql``;
      await sql`INSERT INTO statement_feed (seq, iban, entry_ref, balance_after_minor) ${overriding} VALUES (${seq}, ${iban}, ${entry_ref}, ${balance_after_minor})`.execute(store.db);
    },
  },
];

describeOnEachStore('a statement line rewritten in the gateway store after booking', (stores) => {
  for (const { name, rewrite, undo } of rewrites) {
    it(`(${name}) is refused at sync with APP_BALANCE_MISMATCH in its answer, audited, nothing booked, the balance unchanged; the honest page is taken later`, async () => {
      const store = await stores.fresh();
      const { code } = await demoBankWithCode(store, 'erin');
      const gateway = await startTestGateway(store);
      const { vault } = await enrolFreshVault(gateway.url, code);
      open.push(vault);
      await store.db.transaction().execute((trx) => bookStatementEntries(trx, store.dialect, newLines));
      const before = vaultBalances(vault);
      const bookings = vault.db.prepare('SELECT count(*) FROM statement_transactions').pluck().get();
      const cursor = () => vault.db.prepare('SELECT c.after_seq FROM statement_cursors c JOIN accounts a ON a.id = c.account_id WHERE a.iban = ?').pluck().get(EUR);
      const cursorBefore = cursor();

      await rewrite(store);
      // The account is refused in the sync's answer; the sync itself goes on with the other accounts.
      const refused = await dispatch(await openSession(vault), 'bank.sync', {});
      expect(refused).toMatchObject({ ok: true });
      if (refused.ok) expect(refused.value.statements.find((account) => account.iban === EUR)).toMatchObject({ entries: 0, refused: 'APP_BALANCE_MISMATCH' });
      const denied = auditEntries(vault).filter((entry) => entry.action === 'bank.statements').at(-1);
      expect(denied).toMatchObject({ outcome: 'denied', reason: 'APP_BALANCE_MISMATCH', target: EUR });
      expect([vaultBalances(vault), vault.db.prepare('SELECT count(*) FROM statement_transactions').pluck().get(), cursor()]).toEqual([before, bookings, cursorBefore]);
      // The refusal says that the balances differ, never what they are.
      expect(entryTextWithoutIds(denied)).not.toMatch(/900000|600000|200000/);

      // The books put right, the next sync asks for the same page again and takes it over.
      await undo(store);
      expect(await dispatch(await openSession(vault), 'bank.sync', {})).toMatchObject({ ok: true });
      await expectBankBalances(vault, store);
      expect(vaultBalances(vault)[EUR]).toBe((before[EUR] ?? 0) + 6000_00);
    });
  }
});
