import { ibanFromAccountId, type Iban } from '../../../domain/index.js';
import type { VaultDatabase } from '../../../vault/index.js';
import { CofferError } from '../../../contract/index.js';
import type { StatementHeader } from './readStatementEntries.js';
import { accountByIban, accountByOtherId, requireAccount, type AccountRecord } from '../records/accountRecords.js';

/** How a statement's account was found among the organisation's. */
export type AccountMatch = 'iban' | 'other-id' | 'derived-iban' | 'input';

function named(db: VaultDatabase, statement: StatementHeader): { account: AccountRecord; matchedBy: AccountMatch } | undefined {
  const { iban, otherId } = statement.account;
  if (iban !== null) {
    const account = accountByIban(db, iban);
    return account && { account, matchedBy: 'iban' };
  }
  if (otherId === null) return undefined;
  const byNumber = accountByOtherId(db, otherId);
  if (byNumber) return { account: byNumber, matchedBy: 'other-id' };
  // An IBAN kept as text (Othr/Id), with spaces or a currency suffix, or a German "BLZ/Konto" (MT940 :25:).
  const derived = ibanFromAccountId(otherId);
  const account = derived === null ? undefined : accountByIban(db, derived);
  return account && { account, matchedBy: 'derived-iban' };
}

/**
 * The organisation's account a statement books on: the one it names (by IBAN; else by the bank's account
 * number, `accounts.other_id`; else by the IBAN that number stands for), or `given` when it names none.
 * Refuses an account the file names but the organisation does not hold (APP_UNKNOWN_ACCOUNT), a `given`
 * account other than the named one, and a statement that names none when nothing is given (APP_BAD_INPUT).
 * `label` names the statement in messages ("statement 2 of x.xml"), never its account number.
 */
export function matchStatementAccount(db: VaultDatabase, statement: StatementHeader, given: Iban | undefined, label: string): { account: AccountRecord; matchedBy: AccountMatch } {
  const { iban, otherId } = statement.account;
  if (iban === null && otherId === null) {
    // Ensure a file that names no account is booked only where the caller said.
    if (given === undefined) throw new CofferError('APP_BAD_INPUT', `account: expected the account ${label} belongs to, found none: the file does not name it`);
    return { account: requireAccount(db, given), matchedBy: 'input' };
  }
  const match = named(db, statement);
  if (match === undefined) {
    const what = iban !== null ? `an account with an IBAN from ${iban.slice(0, 2)}` : 'an account by its bank\'s own number, not an IBAN,';
    throw new CofferError('APP_UNKNOWN_ACCOUNT', `expected ${label} to name one of the organisation's accounts, found ${what} that matches none of them`);
  }
  // Ensure the caller's account and the file's agree: booking one account's statement on another is never right.
  if (given !== undefined && given !== match.account.iban) {
    throw new CofferError('APP_BAD_INPUT', `account: expected the account ${label} names, found another`);
  }
  return match;
}
