import { addAccount } from '../bank/addAccount.js';
import { addUser } from '../bank/addUser.js';
import { createOrganisation } from '../bank/createOrganisation.js';
import { currentPolicy } from '../bank/issueOrgPolicy.js';
import { setApprovalRule } from '../bank/setApprovalRule.js';
import type { GatewayStore } from '../store/openStore.js';
import { DEMO_ACCOUNTS, DEMO_ORG, DEMO_USERS, demoApprovalRules } from '../../policy/index.js';
import { bookStatementEntries } from '../statements/bookStatementEntries.js';
import { demoOpeningBalance } from './demoOpeningBalance.js';
import { demoStatementEntries } from './demoStatementEntries.js';

export interface DemoBankReport {
  orgId: string;
  users: string[];
  accounts: string[];
  statementEntries: number;
  policyVersion: number;
}

/**
 * `coffer server seed-demo`: the demo bank's customer through the same bank commands staff use (so the
 * policy is signed and every step audited), then a year of statements for each account, which opens with a balance
 * that keeps it positive all year (demoOpeningBalance).
 */
export async function seedDemoBank(store: GatewayStore, staff: string, now = Date.now()): Promise<DemoBankReport> {
  await createOrganisation(store, staff, { orgId: DEMO_ORG.id, name: DEMO_ORG.name }, now);
  for (const user of DEMO_USERS) await addUser(store, staff, { orgId: DEMO_ORG.id, userId: user.id, name: user.name, roles: [user.role] }, now);
  for (const rule of demoApprovalRules()) await setApprovalRule(store, staff, { orgId: DEMO_ORG.id, ...rule }, now);
  let statementEntries = 0;
  for (const [index, account] of DEMO_ACCOUNTS.entries()) {
    const entries = demoStatementEntries(account.iban, account.currency, now, 2026 + index);
    const opening = { openingBalanceMinor: demoOpeningBalance(entries, account.openingMinor), openingDate: entries[0]?.booking_date ?? new Date(now).toISOString().slice(0, 10) };
    await addAccount(store, staff, { orgId: DEMO_ORG.id, iban: account.iban, currency: account.currency, name: account.name, bic: account.bic, ...opening }, now);
    await store.db.transaction().execute((trx) => bookStatementEntries(trx, store.dialect, entries));
    statementEntries += entries.length;
  }
  const policy = await currentPolicy(store.db, DEMO_ORG.id);
  return {
    orgId: DEMO_ORG.id,
    users: DEMO_USERS.map((user) => user.id),
    accounts: DEMO_ACCOUNTS.map((account) => account.iban),
    statementEntries,
    policyVersion: policy?.version ?? 0,
  };
}
