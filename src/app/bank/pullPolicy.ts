import { AccountsResponse, PolicyResponse } from '../../contract/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { readCachedOrgPolicy } from '../policy/cachedOrgPolicy.js';
import { installOrgPolicy } from '../policy/installOrgPolicy.js';
import type { BankConnection } from './bankConnection.js';
import { gatewayRequest, parseAnswer, type GatewaySigner } from './gatewayRequest.js';
import { accountsWithoutOpening, storeBankAccounts } from './storeBankAccounts.js';

export interface PulledPolicy {
  version: number;
  /** Whether a newer policy than the cached one was verified and installed. */
  installed: boolean;
  /** Accounts the bank lists that the vault did not hold yet. */
  newAccounts: number;
}

/**
 * Fetches the organisation's current policy and installs it when it differs from the cached one: verified
 * with the bank key pinned at enrolment, for the enrolled organisation, never older than the newest seen
 * (installOrgPolicy audits the refusal and throws POLICY_…). Then takes over accounts the bank added, and the
 * bank's opening balance of accounts held from before it sent one (`bank.accounts`, `added` and `opened`).
 */
export async function pullPolicy(vault: UnlockedVault, connection: BankConnection, signer: GatewaySigner, now: Date): Promise<PulledPolicy> {
  const gateway = new URL(connection.gatewayUrl);
  const answer = parseAnswer(await gatewayRequest({ gateway, method: 'GET', path: '/v1/policy', signer }), PolicyResponse, "the organisation's policy");
  const installed = readCachedOrgPolicy(vault.db)?.jws !== answer.policy;
  if (installed) await installOrgPolicy(vault, answer.policy, { now });
  const { accounts } = parseAnswer(await gatewayRequest({ gateway, method: 'GET', path: '/v1/accounts', signer }), AccountsResponse, "the organisation's accounts");
  const known = new Set(vault.db.prepare('SELECT iban FROM accounts').pluck().all() as string[]);
  const fresh = accountsWithoutOpening(vault.db, accounts);
  if (fresh.length === 0) return { version: answer.version, installed, newAccounts: 0 };
  const details = { added: fresh.filter((account) => !known.has(account.iban)).map((account) => account.iban), opened: fresh.filter((account) => known.has(account.iban)).map((account) => account.iban) };
  const stored = vault.transact({ action: 'bank.accounts', target: connection.orgId, details }, (db) => storeBankAccounts(db, connection.orgId, fresh, now));
  return { version: answer.version, installed, newAccounts: stored.added.length };
}
