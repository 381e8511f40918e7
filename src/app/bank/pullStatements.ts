import { CofferError, StatementSyncResponse, type StatementSyncEntry } from '../../contract/index.js';
import { sha256Hex } from '../../crypto/index.js';
import type { UnlockedVault, VaultDatabase } from '../../vault/index.js';
import { FED_BY_BANK } from './accountFedByBank.js';
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
  /** The code a page was refused with; the account's later pages wait for the next sync. */
  refused?: 'APP_BALANCE_MISMATCH';
}

interface AccountCursor {
  id: string;
  iban: string;
  currency: string;
  after: number;
}

function accountCursors(db: VaultDatabase): AccountCursor[] {
  return db
    .prepare(`SELECT a.id, a.iban, a.currency, coalesce(c.after_seq, 0) AS after FROM accounts a LEFT JOIN statement_cursors c ON c.account_id = a.id WHERE ${FED_BY_BANK} ORDER BY a.iban`)
    .all() as AccountCursor[];
}

function feedIdentity(iban: string, entry: StatementSyncEntry): string {
  return sha256Hex(JSON.stringify([FEED_IDENTITY_VERSION, iban, entry.entryRef]));
}

/** The account's balance in the vault plus the page's lines it does not hold yet: what the bank's closing balance must be. */
function balanceWithPage(db: VaultDatabase, account: AccountCursor, page: StatementSyncResponse): number {
  const balance = db.prepare('SELECT balance_minor FROM accounts WHERE id = ?').pluck().get(account.id) as number;
  const held = db.prepare('SELECT 1 FROM statement_transactions WHERE account_id = ? AND entry_identity = ?').pluck();
  return page.entries.reduce((sum, entry) => (held.get(account.id, feedIdentity(account.iban, entry)) === undefined ? sum + entry.amountMinor : sum), balance);
}

function balanceMismatch(account: AccountCursor, page: StatementSyncResponse): CofferError {
  // Balances are the customer's business: the message says that they differ, never what they are.
  return new CofferError(
    'APP_BALANCE_MISMATCH',
    `expected the bank's balance of ${account.iban.slice(0, 2)}… after this page to be the vault's balance plus the page's ${page.entries.length} line(s), found another: nothing of the page was booked, the next sync asks again`,
  );
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
 * One account's pages, from its cursor until the feed has no more, each page in its own transaction; `pulled` counts
 * what committed, so a caller that catches a refusal still knows how far the account got.
 */
async function pullAccount(vault: UnlockedVault, gateway: URL, account: AccountCursor, signer: GatewaySigner, now: () => Date, pulled: PulledStatements): Promise<void> {
  let cursor = account.after;
  for (;;) {
    const path = `/v1/statements?${new URLSearchParams({ account: account.iban, after: String(cursor), limit: String(STATEMENT_PAGE) }).toString()}`;
    const page = parseAnswer(await gatewayRequest({ gateway, method: 'GET', path, signer }), StatementSyncResponse, 'a page of statements');
    // Ensure the page is the one asked for and moves forward: a gateway cannot move the cursor back, book elsewhere,
    // or book another currency on the account.
    const outside = page.entries.some((entry) => entry.seq <= cursor || entry.seq > page.next || entry.currency !== account.currency);
    if (page.account !== account.iban || page.next < cursor || outside) {
      throw new CofferError('APP_BAD_GATEWAY_ANSWER', `expected statements of ${account.iban.slice(0, 2)}… after ${cursor}, found another page`);
    }
    const details = { after: cursor, next: page.next, received: page.entries.length };
    // Ensure the bank's balance after the page is the vault's plus the page's lines (camt.053: opening plus entries
    // is closing): a line dropped, added or altered anywhere between the bank's books and this vault shows here.
    if (balanceWithPage(vault.db, account, page) !== page.closingBalanceMinor) {
      vault.record([{ action: 'bank.statements', outcome: 'denied', reason: 'APP_BALANCE_MISMATCH', target: account.iban, details }]);
      throw balanceMismatch(account, page);
    }
    if (page.entries.length === 0 && page.next === cursor) break;
    const booked = vault.transact({ action: 'bank.statements', target: account.iban, details }, (db) => {
      const count = bookPage(db, { ...account, after: cursor }, page, now());
      // The same check within the transaction, against whatever else wrote the vault since the one above.
      if (db.prepare('SELECT balance_minor FROM accounts WHERE id = ?').pluck().get(account.id) !== page.closingBalanceMinor) throw balanceMismatch(account, page);
      return count;
    });
    pulled.entries += booked;
    pulled.cursor = cursor = page.next;
    if (!page.more) break;
  }
}

/**
 * Takes over every account's new bookings from the bank's feed, page by page from the stored cursor. Each page
 * is booked in one transaction with its cursor and its audit entry (`bank.statements`), so a sync cut off at any
 * point resumes where it stopped and books nothing twice. A page whose closing balance is not the account's balance
 * plus its lines (an empty page too: the balance must stand where the cursor does) is refused with
 * APP_BALANCE_MISMATCH, recorded as a denied `bank.statements` entry (a failed one when the check inside the
 * transaction caught it), nothing of it booked, and that account stops there with `refused` set: its cursor stays,
 * so the next sync asks for the same page again. The other accounts go on: one account's books are no reason to
 * leave the others behind. Anything else (an unreachable gateway, a page out of order) stops the whole pull.
 */
export async function pullStatements(vault: UnlockedVault, connection: BankConnection, signer: GatewaySigner, now: () => Date): Promise<PulledStatements[]> {
  const gateway = new URL(connection.gatewayUrl);
  const pulled: PulledStatements[] = [];
  for (const account of accountCursors(vault.db)) {
    const progress: PulledStatements = { iban: account.iban, entries: 0, cursor: account.after };
    try {
      await pullAccount(vault, gateway, account, signer, now, progress);
    } catch (error) {
      if (!(error instanceof CofferError) || error.code !== 'APP_BALANCE_MISMATCH') throw error;
      // The pages before the refused one balanced and stay booked; they are reported with the refusal.
      progress.refused = error.code;
    }
    pulled.push(progress);
  }
  return pulled;
}
