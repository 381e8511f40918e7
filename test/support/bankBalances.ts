/**
 * The balances of an enrolled vault beside the bank's own: the gateway's booked balance after each account's last
 * feed line (its opening plus every line), read from the gateway's store.
 */
import { expect } from 'vitest';
import type { GatewayStore } from '../../src/server/index.js';
import { bookedBalanceAt, MAX_SEQ } from '../../src/server/statements/bookedBalanceAt.js';
import type { UnlockedVault } from '../../src/vault/index.js';

/** Each account's balance in the vault, by IBAN. */
export function vaultBalances(vault: UnlockedVault): Record<string, number> {
  const rows = vault.db.prepare('SELECT iban, balance_minor AS balance FROM accounts ORDER BY iban').all() as { iban: string; balance: number }[];
  return Object.fromEntries(rows.map((row) => [row.iban, row.balance]));
}

/** Each of the vault's accounts at the bank's balance, by IBAN. */
export async function bankBalances(store: GatewayStore, ibans: readonly string[]): Promise<Record<string, number>> {
  const balances: Record<string, number> = {};
  for (const iban of ibans) balances[iban] = await bookedBalanceAt(store.db, store.dialect, iban, MAX_SEQ);
  return balances;
}

/** Ensure every account of the vault holds exactly the bank's balance. */
export async function expectBankBalances(vault: UnlockedVault, store: GatewayStore): Promise<void> {
  const held = vaultBalances(vault);
  expect(held).toEqual(await bankBalances(store, Object.keys(held)));
}
