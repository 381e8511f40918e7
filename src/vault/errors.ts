export type VaultErrorCode =
  | 'VAULT_NOT_FOUND'
  | 'VAULT_EXISTS'
  | 'VAULT_WRONG_PASSWORD'
  | 'VAULT_WRONG_RECOVERY_CODE'
  | 'VAULT_WEAK_PASSWORD'
  | 'VAULT_BACKOFF'
  | 'VAULT_KDF_DOWNGRADE'
  | 'VAULT_KEYS_CORRUPT'
  | 'VAULT_KEYSLOT_TAMPERED'
  | 'VAULT_KEYSLOT_REMOVED'
  | 'VAULT_KEYSLOT_LIST_TAMPERED'
  | 'VAULT_KEYS_ROLLED_BACK'
  | 'VAULT_DB_KEY_MISMATCH'
  | 'VAULT_SCHEMA_TOO_NEW'
  | 'VAULT_LOCKED'
  | 'VAULT_BUSY'
  | 'VAULT_IO'
  | 'VAULT_UNSAFE_PERMISSIONS'
  | 'VAULT_DIR_NOT_EMPTY'
  | 'VAULT_KDF_TOO_EXPENSIVE'
  | 'VAULT_KEYS_CHANGED'
  | 'VAULT_DB_DAMAGED';

/** The operating system's or SQLite's code of a failure (ENOSPC, SQLITE_FULL…), looking through a VAULT_IO wrapper. */
export function systemCode(error: unknown): string {
  const own = (error as { code?: unknown } | undefined)?.code;
  if (typeof own === 'string' && own !== 'VAULT_IO') return own;
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : 'I/O error';
}

/**
 * A file-system failure as a one-line VAULT_IO error naming the path and the system's code (ENOSPC, EACCES…).
 * A failure that already is a VaultError passes through, so nested steps do not wrap it twice.
 */
export function ioError(action: string, path: string, cause: unknown): VaultError {
  if (cause instanceof VaultError) return cause;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return new VaultError('VAULT_IO', `cannot ${action} ${path}${typeof code === 'string' ? ` (${code})` : ''}`, { cause });
}

/** SQLite's result codes for a file system that refuses (full, read-only, I/O error, cannot open or lock). */
const SQLITE_FILE_SYSTEM = /^SQLITE_(?:FULL|IOERR|READONLY|CANTOPEN|PERM)/;
/** Node's codes for a failed system call (ENOSPC, EROFS, EACCES, EIO…), as opposed to its ERR_… codes. */
const SYSTEM_CALL = /^E[A-Z]+$/;

/**
 * A failure of the file system under the vault, from Node or from SQLite, as one VAULT_IO line; any other
 * error comes back unchanged. Used at the edges of every vault operation that writes, so a full disk or a
 * read-only folder never surfaces as an internal error.
 */
export function asVaultIoError(error: unknown, action: string, path: string): unknown {
  if (error instanceof VaultError) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !(SQLITE_FILE_SYSTEM.test(code) || SYSTEM_CALL.test(code))) return error;
  return new VaultError('VAULT_IO', `cannot ${action} ${path} (${code})`, { cause: error });
}

/** The vault layer's one error class. Messages name what was expected and found, never a secret. */
export class VaultError extends Error {
  override readonly name = 'VaultError';
  constructor(
    readonly code: VaultErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
