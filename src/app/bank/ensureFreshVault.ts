import { CofferError } from '../../contract/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { readBankConnection } from './bankConnection.js';

/** Ensure a vault is enrolled once, and only a fresh one: never a demo vault or one holding an organisation's data. */
export function ensureFreshVault(vault: UnlockedVault): void {
  const held = vault.db.prepare('SELECT (SELECT count(*) FROM organisations) + (SELECT count(*) FROM accounts) + (SELECT count(*) FROM org_policy) AS n').pluck().get() as number;
  if (readBankConnection(vault.db) !== undefined || held > 0) {
    throw new CofferError('APP_ALREADY_ENROLLED', 'expected a fresh vault (made by `coffer init`), found one that is enrolled already or holds an organisation (a demo vault?): enrol a new vault');
  }
}
