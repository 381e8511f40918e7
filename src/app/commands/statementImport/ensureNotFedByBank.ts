import { CofferError } from '../../../contract/index.js';
import type { VaultDatabase } from '../../../vault/index.js';
import { accountFedByBank } from '../../bank/accountFedByBank.js';
import type { ImportPlan } from './planStatementImport.js';

/**
 * Ensure no statement of the file books on an account the bank's feed keeps: the feed brings its lines with the sync
 * under identities of its own, so the file's copies would be booked beside them, counted twice, and the feed's next
 * page would then no longer close at the bank's balance (APP_BALANCE_MISMATCH at every later sync).
 */
export function ensureNotFedByBank(db: VaultDatabase, plan: ImportPlan): void {
  const fed = plan.statements.find((statement) => accountFedByBank(db, statement.account.id));
  if (fed === undefined) return;
  throw new CofferError(
    'APP_ACCOUNT_FED_BY_BANK',
    `expected statements of accounts the bank's feed does not keep, found ${fed.label} for ${fed.account.iban.slice(0, 2)}…, whose lines \`coffer sync\` takes over: nothing was imported`,
  );
}
