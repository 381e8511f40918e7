import { afterEach, expect, it } from 'vitest';
import { expectBankBalances, vaultBalances } from '../../../test/support/bankBalances.js';
import { demoBankWithCode, enrolFreshVault } from '../../../test/support/enrolledVault.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { startTestGateway } from '../../../test/support/gatewayClient.js';
import { lossyProxy } from '../../../test/support/lossyProxy.js';
import { auditEntries } from '../../../test/fixtures/demo/demoVault.js';
import { bookStatementEntries } from '../../server/statements/bookStatementEntries.js';
import type { UnlockedVault } from '../../vault/index.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';
import { STATEMENT_PAGE } from './pullStatements.js';

const EUR = 'DE89370400440532013000';

const open: UnlockedVault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.lock();
});

const sync = async (vault: UnlockedVault) => {
  const result = await dispatch(await openSession(vault), 'bank.sync', {});
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};

function lines(count: number) {
  return Array.from({ length: count }, (_, n) => ({
    iban: EUR, entry_ref: `LATE-${n + 1}`, booking_date: '2026-11-30', value_date: '2026-11-30', amount_minor: n % 3 === 0 ? -2500_00 : 1234_56, currency: 'EUR',
    counterparty_name: 'Kiosk am Markt', counterparty_iban: null, remittance: `late ${n + 1}`,
  }));
}

describeOnEachStore("the vault's balances after statement sync", (stores) => {
  it('are the bank’s after a sync cut off between pages and resumed', async () => {
    const store = await stores.fresh();
    const { code } = await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const proxy = await lossyProxy(gateway.url);
    const { vault } = await enrolFreshVault(proxy.url, code);
    open.push(vault);
    await expectBankBalances(vault, store);
    await store.db.transaction().execute((trx) => bookStatementEntries(trx, store.dialect, lines(2 * STATEMENT_PAGE + 7)));

    // The accounts sync in IBAN order (USD, EUR, GBP): the answer to EUR's second page is lost after its first was booked.
    let asked = 0;
    proxy.watchRequests('GET', '/v1/statements', () => {
      asked += 1;
      if (asked === 3) proxy.loseAnswers('GET', '/v1/statements', 1);
    });
    const cut = await dispatch(await openSession(vault), 'bank.sync', {});
    expect(cut).toMatchObject({ ok: false, error: { code: 'APP_GATEWAY_UNREACHABLE' } });
    const booked = vault.db.prepare("SELECT count(*) FROM statement_transactions WHERE entry_ref LIKE 'LATE-%'").pluck().get();
    expect(booked).toBe(STATEMENT_PAGE);

    const resumed = await sync(vault);
    expect(resumed.statements.find((account) => account.iban === EUR)?.entries).toBe(STATEMENT_PAGE + 7);
    await expectBankBalances(vault, store);
  });

  it('take over the opening balance at the next sync in a vault enrolled before the bank sent one', async () => {
    const store = await stores.fresh();
    const { code } = await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const { vault } = await enrolFreshVault(gateway.url, code);
    open.push(vault);
    // As such a vault holds them: no opening balance, and balances summed from 0 (the demo's EUR account well below 0).
    vault.transact({ action: 'test.enrolled-before-openings' }, (db) => {
      db.exec('UPDATE accounts SET balance_minor = balance_minor - (SELECT o.amount_minor FROM bank_opening_balances o WHERE o.account_id = accounts.id)');
      db.exec('DELETE FROM bank_opening_balances');
    });
    expect(vaultBalances(vault)[EUR]).toBeLessThan(0);

    const synced = await sync(vault);
    expect(synced.policy.newAccounts).toBe(0);
    expect(auditEntries(vault).filter((entry) => entry.action === 'bank.accounts').at(-1)).toMatchObject({ outcome: 'allowed', details: { added: [], opened: ['DE62370400440532013001', EUR, 'GB29NWBK60161331926819'] } });
    await expectBankBalances(vault, store);
    // Once only: a later sync changes nothing.
    await sync(vault);
    await expectBankBalances(vault, store);
    expect(auditEntries(vault).filter((entry) => entry.action === 'bank.accounts')).toHaveLength(1);
  });
});
