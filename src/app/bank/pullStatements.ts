import { CofferError, StatementSyncResponse, type StatementSyncEntry } from '../../contract/index.js';
import { sha256Hex } from '../../crypto/index.js';
import type { UnlockedVault, VaultDatabase } from '../../vault/index.js';
import type { BankConnection } from './bankConnection.js';
import { gatewayRequest, parseAnswer, type GatewaySigner } from './gatewayRequest.js';

/** The identity version of bookings taken over from the bank's feed: unique per account by the bank's entry reference. */
export const FEED_IDENTITY_VERSION = 'coffer/entry/gateway-feed/v1';
/** How many bookings one page (one request, one transaction, one audit entry) carries at most. */
export const STATEMENT_PAGE = 500;

/** What one account's pull took over. */
export interface PulledStatements {
  iban: string;
  entries: number;
  cursor: number;
}

interface AccountCursor {
  id: string;
  iban: string;
  currency: string;
  after: number;
}

function accountCursors(db: VaultDatabase): AccountCursor[] {
  return db
    .prepare('SELECT a.id, a.iban, a.currency, coalesce(c.after_seq, 0) AS after FROM accounts a LEFT JOIN statement_cursors c ON c.account_id = a.id ORDER BY a.iban')
    .all() as AccountCursor[];
}

function feedIdentity(iban: string, entry: StatementSyncEntry): string {
  return sha256Hex(JSON.stringify([FEED_IDENTITY_VERSION, iban, entry.entryRef]));
}

/** Books one page and moves the cursor past it, in the caller's transaction: both or neither. */
function bookPage(db: VaultDatabase, account: AccountCursor, page: StatementSyncResponse, now: Date): number {
  const insert = db.prepare(
    `INSERT INTO statement_transactions (account_id, entry_identity, identity_version, occurrence, entry_ref, booking_date, value_date, amount_minor,
       currency, credit_debit, reversal, counterparty_name, counterparty_iban, remittance_info, source_format)
     VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 'gateway') ON CONFLICT (account_id, entry_identity) DO NOTHING`,
  );
  let booked = 0;
  let moved = 0;
  for (const entry of page.entries) {
    const { changes } = insert.run(
      account.id, feedIdentity(account.iban, entry), FEED_IDENTITY_VERSION, entry.entryRef, entry.bookingDate, entry.valueDate, entry.amountMinor,
      entry.currency, entry.amountMinor < 0 ? 'DBIT' : 'CRDT', entry.counterpartyName, entry.counterpartyIban, entry.remittance,
    );
    booked += changes;
    if (changes > 0) moved += entry.amountMinor;
  }
  if (moved !== 0) db.prepare('UPDATE accounts SET balance_minor = balance_minor + ? WHERE id = ?').run(moved, account.id);
  db.prepare(
    'INSERT INTO statement_cursors (account_id, after_seq, synced_at) VALUES (?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET after_seq = excluded.after_seq, synced_at = excluded.synced_at',
  ).run(account.id, page.next, now.toISOString());
  return booked;
}

/**
 * Takes over every account's new bookings from the bank's feed, page by page from the stored cursor. Each page
 * is booked in one transaction with its cursor and its audit entry (`bank.statements`), so a sync cut off at any
 * point resumes where it stopped and books nothing twice.
 */
export async function pullStatements(vault: UnlockedVault, connection: BankConnection, signer: GatewaySigner, now: () => Date): Promise<PulledStatements[]> {
  const gateway = new URL(connection.gatewayUrl);
  const pulled: PulledStatements[] = [];
  for (const account of accountCursors(vault.db)) {
    let cursor = account.after;
    let entries = 0;
    for (;;) {
      const path = `/v1/statements?${new URLSearchParams({ account: account.iban, after: String(cursor), limit: String(STATEMENT_PAGE) }).toString()}`;
      const page = parseAnswer(await gatewayRequest({ gateway, method: 'GET', path, signer }), StatementSyncResponse, 'a page of statements');
      // Ensure the page is the one asked for and moves forward: a gateway cannot move the cursor back, book elsewhere,
      // or book another currency on the account.
      const outside = page.entries.some((entry) => entry.seq <= cursor || entry.seq > page.next || entry.currency !== account.currency);
      if (page.account !== account.iban || page.next < cursor || outside) {
        throw new CofferError('APP_BAD_GATEWAY_ANSWER', `expected statements of ${account.iban.slice(0, 2)}… after ${cursor}, found another page`);
      }
      if (page.entries.length === 0 && page.next === cursor) break;
      const booked = vault.transact(
        { action: 'bank.statements', target: account.iban, details: { after: cursor, next: page.next, received: page.entries.length } },
        (db) => bookPage(db, { ...account, after: cursor }, page, now()),
      );
      entries += booked;
      cursor = page.next;
      if (!page.more) break;
    }
    pulled.push({ iban: account.iban, entries, cursor });
  }
  return pulled;
}
