import type { BankAccount } from '../../contract/index.js';
import type { VaultDatabase } from '../../vault/index.js';
import { newRecordId } from '../commands/records/newRecordId.js';

/**
 * Adds the organisation's accounts the bank listed that the vault does not hold yet (by IBAN), inside the
 * caller's transaction; a known account keeps its id, so its bookings and payments stay attached. Returns how
 * many were added.
 */
export function storeBankAccounts(db: VaultDatabase, orgId: string, accounts: readonly BankAccount[], now: Date): number {
  const insert = db.prepare(
    `INSERT INTO accounts (id, organisation_id, iban, bic, currency, name, balance_minor, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)
     ON CONFLICT (iban) DO NOTHING`,
  );
  let added = 0;
  for (const account of accounts) added += insert.run(newRecordId(), orgId, account.iban, account.bic, account.currency, account.name, now.toISOString()).changes;
  return added;
}
