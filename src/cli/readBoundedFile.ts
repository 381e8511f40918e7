import { readRegularFile, type RegularFileRead } from '../app/index.js';
import { type CliErrorCode, CofferError } from '../contract/index.js';

export interface BoundedFileOptions {
  /** Refuse a file that group or others may read (a secret's file must be 0600 or stricter). */
  privateOnly?: boolean;
  /** The code of every refusal; CLI_BAD_FILE unless the caller reads a secret. */
  code?: Extract<CliErrorCode, 'CLI_BAD_FILE' | 'CLI_BAD_SECRET_FILE'>;
}

function systemCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'I/O error';
}

/**
 * Reads a file the user named on the command line, at most `maxBytes` of it, or refuses it in one line.
 * `what` names it in messages ("the password file"). Symlinks are followed, since secret stores commonly hand
 * files out as links; the vault's readRegularFile judges what the link points at, never blocks on a FIFO and
 * stops reading one chunk past the limit.
 */
export function readBoundedFile(path: string, maxBytes: number, what: string, options: BoundedFileOptions = {}): Buffer {
  const code = options.code ?? 'CLI_BAD_FILE';
  let read: RegularFileRead;
  try {
    read = readRegularFile(path, maxBytes);
  } catch (error) {
    throw new CofferError(code, `cannot read ${what} ${path} (${systemCode(error)})`);
  }
  if (read.kind === 'missing') throw new CofferError(code, `cannot open ${what} ${path} (ENOENT)`);
  if (read.kind === 'refused') throw new CofferError(code, `${what} ${path} ${read.problem}`);
  // Ensure no other user could have read the secret in it.
  if (options.privateOnly && (read.mode & 0o077) !== 0) {
    throw new CofferError(code, `${what} ${path} can be read by other users (mode 0${read.mode.toString(8)}): run chmod 600 ${path}`);
  }
  return read.bytes;
}
