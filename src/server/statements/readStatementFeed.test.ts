import { expect, it } from 'vitest';
import { AccountsResponse, StatementSyncResponse } from '../../contract/index.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { enrol, orgWithCode, signedGet, startTestGateway } from '../../../test/support/gatewayClient.js';
import { addAccount } from '../bank/addAccount.js';
import { createActivationCode } from '../enrolment/createActivationCode.js';
import { createOrganisation } from '../bank/createOrganisation.js';
import { addUser } from '../bank/addUser.js';
import type { GatewayStore } from '../store/openStore.js';
import type { StatementEntryTable } from '../store/storeSchema.js';
import { bookStatementEntries } from './bookStatementEntries.js';

const IBAN = 'DE89370400440532013000';
const OTHER_ORGS_IBAN = 'FR1420041010050500013M02606';
const OPENING = 250_000_00;

function lines(count: number, from: number, bookingDate: string): StatementEntryTable[] {
  return Array.from({ length: count }, (_, i) => ({
    iban: IBAN,
    entry_ref: `REF-${from + i}`,
    booking_date: bookingDate,
    value_date: bookingDate,
    amount_minor: (from + i) * 100,
    currency: 'EUR',
    counterparty_name: 'Kiosk',
    counterparty_iban: null,
    remittance: null,
  }));
}

async function book(store: GatewayStore, entries: StatementEntryTable[]): Promise<void> {
  await store.db.transaction().execute((trx) => bookStatementEntries(trx, store.dialect, entries));
}

async function sync(url: string, device: Parameters<typeof signedGet>[2], account: string, after: number, limit?: number) {
  const answer = await signedGet(url, `/v1/statements?account=${account}&after=${after}${limit ? `&limit=${limit}` : ''}`, device);
  return { ...answer, page: answer.status === 200 ? StatementSyncResponse.parse(answer.body) : undefined };
}

describeOnEachStore('a device syncs statements by cursor', (stores) => {
  it('pages through every booked line once, and resumes where it stopped, also for lines booked later with older dates', async () => {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    await addAccount(store, 'sam', { orgId: 'nordlicht', iban: IBAN, currency: 'EUR', name: 'Operating', openingBalanceMinor: OPENING, openingDate: '2026-11-01' }, Date.now());
    await book(store, lines(25, 0, '2026-11-02'));
    const gateway = await startTestGateway(store);
    const device = await enrol(gateway.url, code);
    const accounts = AccountsResponse.parse((await signedGet(gateway.url, '/v1/accounts', device)).body);
    expect(accounts.accounts.map((account) => account.openingBalance)).toEqual([{ amountMinor: OPENING, currency: 'EUR', asOf: '2026-11-01' }]);

    // Before the first page, the balance is the opening; each page closes at the opening plus every line so far.
    expect((await sync(gateway.url, device, IBAN, 0, 1)).page?.closingBalanceMinor).toBe(OPENING);
    const seen: string[] = [];
    let cursor = 0;
    let balance = OPENING;
    for (let more = true; more; ) {
      const { page } = await sync(gateway.url, device, IBAN, cursor, 10);
      if (!page) throw new Error('expected a page');
      seen.push(...page.entries.map((entry) => entry.entryRef));
      balance += page.entries.reduce((sum, entry) => sum + entry.amountMinor, 0);
      expect(page.closingBalanceMinor).toBe(balance);
      cursor = page.next;
      more = page.more;
    }
    expect(seen).toEqual(lines(25, 0, '').map((line) => line.entry_ref));
    expect(balance).toBe(OPENING + 300 * 100);

    // Nothing new: the same cursor back, no entries, and the balance where the cursor stands.
    expect((await sync(gateway.url, device, IBAN, cursor)).page).toEqual({ account: IBAN, entries: [], next: cursor, more: false, closingBalanceMinor: balance });
    // A correction booked today for last month still comes after the cursor.
    await book(store, lines(2, 25, '2026-10-15'));
    const later = (await sync(gateway.url, device, IBAN, cursor)).page;
    expect(later?.entries.map((entry) => [entry.entryRef, entry.bookingDate, entry.amountMinor])).toEqual([
      ['REF-25', '2026-10-15', 2500],
      ['REF-26', '2026-10-15', 2600],
    ]);
    expect(later?.closingBalanceMinor).toBe(balance + 2500 + 2600);
    // A cursor that names no line of this account (another account's line, or none) closes at the line before it.
    expect((await sync(gateway.url, device, IBAN, cursor + 1000)).page?.closingBalanceMinor).toBe(balance + 2500 + 2600);
  });

  it('refuses lines in another currency than their account, booking none of them', async () => {
    const store = await stores.fresh();
    await orgWithCode(store);
    await addAccount(store, 'sam', { orgId: 'nordlicht', iban: IBAN, currency: 'EUR', name: 'Operating' }, Date.now());
    const usd = lines(3, 0, '2026-11-02').map((line, n) => (n === 2 ? { ...line, currency: 'USD' } : line));
    await expect(book(store, usd)).toThrowCode('SERVER_BAD_REQUEST');
    expect(await store.db.selectFrom('statement_feed').select('seq').execute()).toEqual([]);
  });

  it("refuses another organisation's account and an unknown one alike, and a malformed cursor", async () => {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    const now = Date.now();
    await createOrganisation(store, 'sam', { orgId: 'other', name: 'Other SARL' }, now);
    await addUser(store, 'sam', { orgId: 'other', userId: 'olga', name: 'Olga', roles: ['maker'] }, now);
    await addAccount(store, 'sam', { orgId: 'other', iban: OTHER_ORGS_IBAN, currency: 'EUR', name: 'Theirs' }, now);
    await createActivationCode(store, 'sam', { orgId: 'other', userId: 'olga' }, now);
    const gateway = await startTestGateway(store);
    const device = await enrol(gateway.url, code);
    const theirs = await sync(gateway.url, device, OTHER_ORGS_IBAN, 0);
    const unknown = await sync(gateway.url, device, 'DE02120300000000202051', 0);
    expect([theirs.status, theirs.code]).toEqual([404, 'SERVER_NOT_FOUND']);
    expect([unknown.status, unknown.code]).toEqual([404, 'SERVER_NOT_FOUND']);
    expect((theirs.body as { error: { message: string } }).error.message.replace(OTHER_ORGS_IBAN, 'X')).toBe(
      (unknown.body as { error: { message: string } }).error.message.replace('DE02120300000000202051', 'X'),
    );
    const bad = await signedGet(gateway.url, `/v1/statements?account=${IBAN}&after=-1`, device);
    expect([bad.status, bad.code]).toEqual([400, 'SERVER_BAD_REQUEST']);
    const tooMany = await signedGet(gateway.url, `/v1/statements?account=${IBAN}&limit=100000`, device);
    expect([tooMany.status, tooMany.code]).toEqual([400, 'SERVER_BAD_REQUEST']);
  });
});
