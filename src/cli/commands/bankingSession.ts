import type { Command } from 'commander';
import { dispatch, withSession } from '../../app/index.js';
import { globalOptions, readPassword, vaultDir } from '../globalOptions.js';
import { printResult } from '../output.js';

/** A refusal from the dispatcher, carrying its stable code to the one place errors become text. */
class RefusedCommand extends Error {
  override readonly name = 'RefusedCommand';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Runs one app command for the CLI: unlock, open a session, say why when the policy leaves it read-only,
 * dispatch (the same door as the desktop), print, lock. A refusal becomes an error with its code (exit 1).
 */
export async function runBankingCommand<T>(command: Command, name: string, input: unknown, human: (value: T) => string): Promise<void> {
  const options = globalOptions(command);
  const password = await readPassword(options);
  await withSession(vaultDir(options), { password }, async (session) => {
    if (session.policy.status !== 'valid') {
      const warning = { code: session.policy.code, message: session.policy.message };
      process.stderr.write(options.json ? `${JSON.stringify({ warning })}\n` : `coffer: ${warning.message} [${warning.code}]\n`);
    }
    const result = await dispatch(session, name, input);
    if (!result.ok) throw new RefusedCommand(result.error.code, result.error.message);
    printResult(options, result.value, () => human(result.value as T));
  });
}

/** Drops options the user did not give, so the command's defaults apply. */
export function given<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** A whole number from a flag; anything else is left for the command's input check to refuse by name. */
export function integer(value: string): number | string {
  return /^[0-9]{1,9}$/.test(value) ? Number(value) : value;
}
