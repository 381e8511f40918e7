import { CofferError } from '../contract/index.js';

/** The operating system's or SQLite's code of a failure (ENOSPC, SQLITE_FULL…), looking through a VAULT_IO wrapper. */
export function systemCode(error: unknown): string {
  const own = (error as { code?: unknown } | undefined)?.code;
  if (typeof own === 'string' && own !== 'VAULT_IO') return own;
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : 'I/O error';
}

/**
 * A file-system failure as a one-line VAULT_IO error naming the path and the system's code (ENOSPC, EACCES…).
 * A failure that already is a CofferError passes through, so nested steps do not wrap it twice.
 */
export function ioError(action: string, path: string, cause: unknown): CofferError {
  if (cause instanceof CofferError) return cause;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return new CofferError('VAULT_IO', `cannot ${action} ${path}${typeof code === 'string' ? ` (${code})` : ''}`, { cause });
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
  if (error instanceof CofferError) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !(SQLITE_FILE_SYSTEM.test(code) || SYSTEM_CALL.test(code))) return error;
  return new CofferError('VAULT_IO', `cannot ${action} ${path} (${code})`, { cause: error });
}
