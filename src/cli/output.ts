import { CliError } from './errors.js';

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

function isCoded(error: unknown): error is CodedError {
  const code: unknown = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  // Node's own errors carry codes too (ENOENT, ERR_…); only our layers' codes are shown as such.
  return typeof code === 'string' && /^(VAULT|CLI|CRYPTO|AUDIT|POLICY|DOMAIN|APP|SERVER|DESKTOP)_[A-Z0-9_]+$/.test(code);
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
  const coded: CodedError = isCoded(error)
    ? { code: error.code, message: error.message.split('\n')[0] ?? '' }
    : { code: 'INTERNAL', message: 'unexpected internal error (set COFFER_DEBUG=1 for details)' };
  if (!isCoded(error) && process.env.COFFER_DEBUG === '1') console.error(error);
  process.stderr.write(
    options.json ? `${JSON.stringify({ error: coded })}\n` : `coffer: ${coded.message} [${coded.code}]\n`,
  );
  return exitCodeFor(coded.code);
}

export function usageError(message: string): CliError {
  return new CliError('CLI_USAGE', message);
}
