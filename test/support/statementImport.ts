import type { CommandInput } from '../../src/api/index.js';
import { dispatch, openSession } from '../../src/app/index.js';
import type { UnlockedVault } from '../../src/vault/index.js';

/** Runs `statements.import` for the vault's user through the real dispatcher. */
export async function importInto(vault: UnlockedVault, input: CommandInput<'statements.import'>) {
  return dispatch(await openSession(vault), 'statements.import', input);
}

/** Runs `statements.import` and returns its answer; a refusal fails the test with its code and message. */
export async function imported(vault: UnlockedVault, input: CommandInput<'statements.import'>) {
  const result = await importInto(vault, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** An account's balance in minor units, straight from the table. */
export function balanceOf(vault: UnlockedVault, iban: string): number {
  return (vault.db.prepare('SELECT balance_minor AS b FROM accounts WHERE iban = ?').get(iban) as { b: number }).b;
}
