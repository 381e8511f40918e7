import { CofferError } from '../contract/index.js';

export interface OutputOptions {
  json?: boolean;
}

/** Prints a result: one JSON object per line with --json, the human text otherwise. */
export function printResult(options: OutputOptions, value: unknown, human: () => string): void {
  process.stdout.write(options.json ? `${JSON.stringify(value)}\n` : `${human()}\n`);
}

interface CodedError {
  code: string;
  message: string;
}

/** Exit statuses: 2 for a command line that cannot be run as given, 1 for everything refused or failed. */
export function exitCodeFor(code: string): number {
  return code === 'CLI_USAGE' ? 2 : 1;
}

/**
 * The one place errors become text: a typed error shows its code and one-line message; anything else is
 * an internal error whose message is not shown, since it could carry data we never meant to print.
 */
export function reportError(error: unknown, options: OutputOptions): number {
  // Node's own errors carry codes too (ENOENT, ERR_…); only ours are shown, the rest could carry data.
  const coded: CodedError =
    error instanceof CofferError
      ? { code: error.code, message: error.message.split('\n')[0] ?? '' }
      : { code: 'INTERNAL', message: 'unexpected internal error (set COFFER_DEBUG=1 for details)' };
  if (!(error instanceof CofferError) && process.env.COFFER_DEBUG === '1') console.error(error);
  process.stderr.write(
    options.json ? `${JSON.stringify({ error: coded })}\n` : `coffer: ${coded.message} [${coded.code}]\n`,
  );
  return exitCodeFor(coded.code);
}

export function usageError(message: string): CofferError {
  return new CofferError('CLI_USAGE', message);
}
