import { CofferError, type BankAccount } from '../../contract/index.js';
import type { VaultDatabase } from '../../vault/index.js';
import { newRecordId } from '../commands/records/newRecordId.js';

/** What taking over the bank's account list changed. */
export interface StoredBankAccounts {
  /** Accounts the vault did not hold yet, by IBAN: each opens at the bank's opening balance. */
  added: string[];
  /** Accounts the vault held without the bank's opening balance (enrolled before it was sent): it is added to their balance. */
  opened: string[];
}

/** The accounts of `accounts` whose opening balance the vault does not hold yet (new ones, or held from before). */
export function accountsWithoutOpening(db: VaultDatabase, accounts: readonly BankAccount[]): BankAccount[] {
  const opened = new Set(db.prepare('SELECT a.iban FROM accounts a JOIN bank_opening_balances o ON o.account_id = a.id').pluck().all() as string[]);
  return accounts.filter((account) => !opened.has(account.iban));
}

/**
 * Takes over the organisation's accounts the bank listed, inside the caller's transaction: an account the vault
 * does not hold yet (by IBAN) is added with the bank's opening balance as its balance; a known account keeps its
 * id, so its bookings and payments stay attached, and when it has no opening balance yet (a vault enrolled before
 * the bank sent one) the opening is added to the balance its feed bookings summed from 0. Either way the balance
 * is then the bank's opening plus the feed's bookings, which every page of the feed is checked against.
 */
export function storeBankAccounts(db: VaultDatabase, orgId: string, accounts: readonly BankAccount[], now: Date): StoredBankAccounts {
  const insert = db.prepare(
    `INSERT INTO accounts (id, organisation_id, iban, bic, currency, name, balance_minor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (iban) DO NOTHING`,
  );
  const held = db.prepare('SELECT id, currency FROM accounts WHERE iban = ?');
  const open = db.prepare('INSERT INTO bank_opening_balances (account_id, amount_minor, currency, as_of, taken_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id) DO NOTHING');
  const addToBalance = db.prepare('UPDATE accounts SET balance_minor = balance_minor + ? WHERE id = ?');
  const stored: StoredBankAccounts = { added: [], opened: [] };
  for (const account of accounts) {
    const { openingBalance } = account;
    // Ensure the opening is in the account's currency: a balance sums one currency only.
    if (openingBalance.currency !== account.currency) {
      throw new CofferError('APP_BAD_GATEWAY_ANSWER', `expected an opening balance in ${account.currency} for ${account.iban.slice(0, 2)}…, found one in ${openingBalance.currency}`);
    }
    const added = insert.run(newRecordId(), orgId, account.iban, account.bic, account.currency, account.name, openingBalance.amountMinor, now.toISOString()).changes > 0;
    const row = held.get(account.iban) as { id: string; currency: string };
    if (row.currency !== account.currency) {
      throw new CofferError('APP_BAD_GATEWAY_ANSWER', `expected ${account.iban.slice(0, 2)}… in ${row.currency} as this vault holds it, found the bank listing it in ${account.currency}`);
    }
    const opened = open.run(row.id, openingBalance.amountMinor, openingBalance.currency, openingBalance.asOf, now.toISOString()).changes > 0;
    if (added) stored.added.push(account.iban);
    else if (opened) {
      addToBalance.run(openingBalance.amountMinor, row.id);
      stored.opened.push(account.iban);
    }
  }
  return stored;
}
