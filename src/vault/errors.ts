import { CofferError } from '../contract/index.js';

/** A file-system failure as a one-line VAULT_IO error naming the path and the system's code (ENOSPC, EACCES…). */
export function ioError(action: string, path: string, cause: unknown): CofferError<'VAULT_IO'> {
  const code = (cause as { code?: unknown } | undefined)?.code;
  return new CofferError('VAULT_IO', `cannot ${action} ${path}${typeof code === 'string' ? ` (${code})` : ''}`, { cause });
}
