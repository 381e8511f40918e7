/** Stable codes of the application layer; callers branch on `code`, never on the message. */
export type AppErrorCode =
  | 'APP_BAD_INPUT'
  | 'APP_UNKNOWN_COMMAND'
  | 'APP_NOT_FOUND'
  | 'APP_WRONG_STATUS'
  | 'APP_STALE'
  | 'APP_NO_POLICY'
  | 'APP_STEP_UP_REQUIRED'
  | 'APP_STEP_UP_FAILED'
  | 'APP_OWN_PAYMENT'
  | 'APP_NOT_A_SIGNER'
  | 'APP_ALREADY_APPROVED'
  | 'APP_NOTHING_TO_EXPORT'
  | 'APP_FILE_EXISTS'
  | 'APP_BAD_FILE'
  | 'APP_UNKNOWN_ACCOUNT'
  | 'APP_VAULT_NOT_EMPTY'
  | 'APP_INTERNAL';

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
