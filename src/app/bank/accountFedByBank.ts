import type { VaultDatabase } from '../../vault/index.js';

/**
 * The accounts the bank's statement feed keeps, as an SQL condition on `accounts a`: in an enrolled vault every
 * account, since each came from the bank's own list (storeBankAccounts) and `coffer sync` takes over its lines
 * (pullStatements); in a vault no bank enrolled (a demo vault, one kept by statement files) none.
 */
export const FED_BY_BANK = 'EXISTS (SELECT 1 FROM bank_connection WHERE id = 1)';

/** Whether the bank's feed keeps this account (FED_BY_BANK), so its lines must come from the feed and nowhere else. */
export function accountFedByBank(db: VaultDatabase, accountId: string): boolean {
  return db.prepare(`SELECT 1 FROM accounts a WHERE a.id = ? AND ${FED_BY_BANK}`).pluck().get(accountId) !== undefined;
}
