import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, GBP_ACCOUNT, makeDemoVault, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { readFixtureBytes } from '../../../test/fixtures/domain/vectors.js';
import { ibanFromAccountId } from '../../domain/index.js';
import { textFile } from '../../../test/support/fileInput.js';
import { imported } from '../../../test/support/statementImport.js';
import { dispatchUnknown } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';

let alice: DemoVault;
beforeAll(async () => {
  alice = await makeDemoVault('alice');
  const csv =
    'entry_ref,booking_date,value_date,amount,currency,counterparty_name,counterparty_iban,remittance_info\n' +
    'ZX-1,2020-01-10,,250.00,GBP,Zebra Exports Ltd,,Zebra order 1\n' +
    'ZX-2,2020-01-20,,-75.25,GBP,Zebra Exports Ltd,,Zebra order 2\n' +
    'ZX-3,2020-02-05,,-1000.00,GBP,Zebra Exports Ltd,,Zebra 100% refund_x\n';
  expect(await imported(alice.vault, { file: textFile('known.csv', csv), account: GBP_ACCOUNT })).toMatchObject({ imported: 3 });
});
afterAll(() => alice?.close());

const run = async (name: string, input: unknown) => dispatchUnknown(await openSession(alice.vault), name, input);
const refs = async (filter: object) => {
  const result = await run('transactions.list', { account: GBP_ACCOUNT, text: 'zebra', ...filter });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as { transactions: { entryRef: string }[] }).transactions.map((t) => t.entryRef);
};

describe('when bookings are listed', () => {
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

describe('when imported bookings carry more than a reference and a text', () => {
  it('lists the posting text, end-to-end id, reversal flag and statement, and finds by them (a returned direct debit: money back)', async () => {
    addAccount(alice.vault, { iban: ibanFromAccountId('76026000/1234567890') as string, currency: 'EUR' });
    await imported(alice.vault, { file: { name: 'dk.sta', bytes: readFixtureBytes('mt940-dk-two-statements.sta') } });
    const result = await run('transactions.list', { text: 'LS-2025-77' });
    expect(result).toMatchObject({
      ok: true,
      value: { total: 1, transactions: [{ endToEndId: 'LS-2025-77', postingText: 'RUECKLASTSCHRIFT', reversal: true, statementId: 'STARTUMS/00112/001', amountMinor: 4550, entryRef: '2512310001' }] },
    });
    const demo = await run('transactions.list', { limit: 1 });
    expect(demo).toMatchObject({ ok: true, value: { transactions: [{ statementId: expect.stringMatching(/^NLH-(EUR|USD|GBP)-\d{4}-\d{2}-\d{2}$/), reversal: false, additionalInfo: null }] } });
  });
});
