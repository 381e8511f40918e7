/** Errors of the command line itself (bad flags, no way to read a secret). */
export type CliErrorCode = 'CLI_USAGE' | 'CLI_NO_SECRET' | 'CLI_SECRET_MISMATCH' | 'CLI_BAD_SECRET_FILE' | 'CLI_BAD_FILE';

export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly code: CliErrorCode,
    message: string,
  ) {
    super(message);
  }
}
