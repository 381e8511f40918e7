import type { Command } from 'commander';
import type { CommandName, CommandOutput } from '../api/index.js';
import { openLocalAppSession, type AppDispatchOptions, type AppSession, type VaultSecret } from '../app/index.js';
import { CofferError } from '../contract/index.js';
import { globalOptions, readPassword, readRecoveryCode, vaultDir, type GlobalOptions } from './globalOptions.js';
import { printResult } from './output.js';
import { progressReporter } from './progress.js';

export interface SessionChoice {
  /** Unlock with the recovery code instead of the password. */
  recovery?: boolean;
  /** False only for `audit verify`: a damaged log must still be examinable. */
  recordUnlock?: boolean;
  /** A secret already read (a command that needs the password again as input reads it once). */
  secret?: VaultSecret;
}

/** The secret that opens the vault, from the flags' sources (file, environment, TTY). */
export async function readUnlockSecret(options: GlobalOptions, recovery: boolean | undefined): Promise<VaultSecret> {
  return recovery ? { recoveryCode: await readRecoveryCode(options) } : { password: await readPassword(options) };
}

function warn(options: GlobalOptions, warning: { code: string; message: string }): void {
  process.stderr.write(options.json ? `${JSON.stringify({ warning })}\n` : `coffer: ${warning.message} [${warning.code}]\n`);
}

/**
 * One CLI command = one session: unlock, say why the policy leaves it read-only (if it does), use, lock.
 * Nothing of the vault layer reaches the CLI; every operation is a dispatch.
 */
export async function withAppSession<T>(command: Command, use: (session: AppSession, options: GlobalOptions) => Promise<T>, choice: SessionChoice = {}): Promise<T> {
  const options = globalOptions(command);
  const secret = choice.secret ?? (await readUnlockSecret(options, choice.recovery));
  const session = await openLocalAppSession(vaultDir(options), secret, { autoLock: false, ...(choice.recordUnlock === false ? { recordUnlock: false } : {}) });
  try {
    const { policy, notices } = session.facts;
    // An unenrolled vault (no policy yet) is its owner's to look after: nothing to warn about on every command.
    if ((policy.status === 'expired' || policy.status === 'unusable') && policy.code !== null && policy.message !== null) warn(options, { code: policy.code, message: policy.message });
    for (const notice of notices) process.stderr.write(`coffer: ${notice}\n`);
    return await use(session, options);
  } finally {
    await session.lock();
  }
}

/**
 * Dispatches one command with input built from flags (the command's schema checks it); a refusal becomes a
 * CofferError carrying its code to the one place errors become text.
 */
export async function dispatchOrThrow<Name extends CommandName>(session: AppSession, name: Name, input: unknown, options: AppDispatchOptions = {}): Promise<CommandOutput<Name>> {
  const result = await session.dispatchUntrusted(name, input, options);
  if (!result.ok) throw new CofferError(result.error.code, result.error.message);
  return result.value;
}

/** What --json prints of a value: produced file contents are written to --out, never to stdout. */
function printable(value: unknown): unknown {
  const file = (value as { file?: { bytes?: unknown } } | null)?.file;
  if (file === undefined || !(file.bytes instanceof Uint8Array)) return value;
  const { bytes, ...rest } = file as { bytes: Uint8Array };
  return { ...(value as object), file: { ...rest, size: bytes.byteLength } };
}

/** Runs one command in its own session and prints its answer: the whole life of most CLI invocations. */
export async function runAppCommand<Name extends CommandName>(
  command: Command,
  name: Name,
  input: unknown,
  human: (value: CommandOutput<Name>) => string,
  dispatchOptions: AppDispatchOptions & SessionChoice & { onSuccess?: () => void } = {},
): Promise<void> {
  const { recovery, recordUnlock, secret, onSuccess, ...rest } = dispatchOptions;
  await withAppSession(
    command,
    async (session, options) => {
      const progress = progressReporter(name);
      try {
        const value = await dispatchOrThrow(session, name, input, { ...rest, onProgress: ({ done, total }) => progress.onProgress?.(done, total) });
        progress.stop();
        onSuccess?.();
        printResult(options, printable(value), () => human(value));
      } finally {
        progress.stop();
      }
    },
    { ...(recovery === undefined ? {} : { recovery }), ...(recordUnlock === undefined ? {} : { recordUnlock }), ...(secret === undefined ? {} : { secret }) },
  );
}

/** Drops options the user did not give, so the command's defaults apply. */
export function given<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** A whole number from a flag; anything else is left for the command's input check to refuse by name. */
export function integer(value: string): number | string {
  return /^[0-9]{1,9}$/.test(value) ? Number(value) : value;
}
