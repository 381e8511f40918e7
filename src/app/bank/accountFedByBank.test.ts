import { afterEach, describe, expect, it } from 'vitest';
import { expectBankBalances, vaultBalances } from '../../../test/support/bankBalances.js';
import { demoBankWithCode, enrolFreshVault } from '../../../test/support/enrolledVault.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { startTestGateway } from '../../../test/support/gatewayClient.js';
import { importInto } from '../../../test/support/statementImport.js';
import { auditEntries, makeDemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { readFixtureBytes } from '../../../test/fixtures/domain/vectors.js';
import { bookStatementEntries } from '../../server/statements/bookStatementEntries.js';
import type { UnlockedVault } from '../../vault/index.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';

const USD = 'DE62370400440532013001';
const EUR = 'DE89370400440532013000';
const GBP = 'GB29NWBK60161331926819';

// Both name the demo bank's EUR account (DE89…), which the enrolled vault's feed keeps.
const CAMT = { name: 'camt053-v08-multi-entry.xml', bytes: readFixtureBytes('camt053-v08-multi-entry.xml') };
const CSV = { name: 'csv-sparkasse-camt.csv', bytes: readFixtureBytes('csv-sparkasse-camt.csv') };

const open: UnlockedVault[] = [];
const closers: (() => void)[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.lock();
  for (const close of closers.splice(0)) close();
});

const sync = async (vault: UnlockedVault) => {
  const result = await dispatch(await openSession(vault), 'bank.sync', {});
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};

const bookingCount = (vault: UnlockedVault) => vault.db.prepare('SELECT count(*) FROM statement_transactions').pluck().get();

function line(iban: string, currency: string, ref: string, amountMinor: number) {
  return { iban, entry_ref: ref, booking_date: '2026-11-30', value_date: '2026-11-30', amount_minor: amountMinor, currency, counterparty_name: 'Kiosk am Markt', counterparty_iban: null, remittance: ref };
}

describeOnEachStore('an account the bank’s statement feed keeps', (stores) => {
  async function enrolled() {
    const store = await stores.fresh();
    // Alice, a maker: her role may import statements, so what refuses the import is the feed, not her permissions.
    const { code } = await demoBankWithCode(store, 'alice');
    const gateway = await startTestGateway(store);
    const { vault } = await enrolFreshVault(gateway.url, code);
    open.push(vault);
    return { store, vault };
  }

  it('refuses a camt.053 or CSV import with APP_ACCOUNT_FED_BY_BANK, audited, nothing changed, and the next sync still adds up', async () => {
    const { store, vault } = await enrolled();
    await store.db.transaction().execute((trx) => bookStatementEntries(trx, store.dialect, [line(EUR, 'EUR', 'LATE-1', 1500_00)]));
    const before = vaultBalances(vault);
    const bookings = bookingCount(vault);

    for (const file of [CAMT, CSV]) {
      const refused = await importInto(vault, { file });
      expect(refused).toMatchObject({ ok: false, error: { code: 'APP_ACCOUNT_FED_BY_BANK' } });
      // One line, naming the statement and only the account's country.
      if (!refused.ok) expect([refused.error.message.includes('\n'), refused.error.message.includes(EUR)]).toEqual([false, false]);
      expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'statements.import', outcome: 'denied', reason: 'APP_ACCOUNT_FED_BY_BANK', target: file.name });
      expect([vaultBalances(vault), bookingCount(vault)]).toEqual([before, bookings]);
    }

    // Had a file's lines been booked beside the feed's, this page would not close at the vault's balance.
    const synced = await sync(vault);
    expect(synced.statements.find((account) => account.iban === EUR)).toEqual({ iban: EUR, entries: 1, cursor: expect.any(Number) });
    await expectBankBalances(vault, store);
  });

  it('takes over the accounts after one whose page is refused in the same sync, and that one once its books are right', async () => {
    const { store, vault } = await enrolled();
    // By IBAN the USD account syncs first, then EUR and GBP.
    await store.db.transaction().execute((trx) => bookStatementEntries(trx, store.dialect, [line(USD, 'USD', 'LATE-USD', 700_00), line(EUR, 'EUR', 'LATE-EUR', 800_00), line(GBP, 'GBP', 'LATE-GBP', 900_00)]));
    await store.db.updateTable('statement_entries').set({ amount_minor: 7000_00 }).where('entry_ref', '=', 'LATE-USD').execute();
    const before = vaultBalances(vault);

    const synced = await sync(vault);
    expect(synced.statements).toEqual([
      { iban: USD, entries: 0, cursor: expect.any(Number), refused: 'APP_BALANCE_MISMATCH' },
      { iban: EUR, entries: 1, cursor: expect.any(Number) },
      { iban: GBP, entries: 1, cursor: expect.any(Number) },
    ]);
    expect(vaultBalances(vault)).toEqual({ [USD]: before[USD], [EUR]: (before[EUR] ?? 0) + 800_00, [GBP]: (before[GBP] ?? 0) + 900_00 });
    const entries = auditEntries(vault);
    expect(entries.filter((entry) => entry.action === 'bank.statements' && entry.outcome === 'denied')).toMatchObject([{ reason: 'APP_BALANCE_MISMATCH', target: USD }]);
    expect(entries.filter((entry) => entry.action === 'bank.sync').at(-1)).toMatchObject({ outcome: 'allowed', details: { statementEntries: 2, statementsRefused: [USD] } });

    // The books put right, the next sync asks for USD's page again and takes it over; the others have nothing new.
    await store.db.updateTable('statement_entries').set({ amount_minor: 700_00 }).where('entry_ref', '=', 'LATE-USD').execute();
    const again = await sync(vault);
    expect(again.statements.map((account) => [account.iban, account.entries, account.refused])).toEqual([[USD, 1, undefined], [EUR, 0, undefined], [GBP, 0, undefined]]);
    await expectBankBalances(vault, store);
  });
});

describe('an account no bank feeds (a demo vault, kept by statement files)', () => {
  it('takes the same camt.053 and CSV files', async () => {
    const demo = await makeDemoVault('alice');
    closers.push(() => demo.close());
    for (const file of [CAMT, CSV]) expect(await importInto(demo.vault, { file })).toMatchObject({ ok: true });
  });
});
