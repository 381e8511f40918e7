import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { type CliErrorCode, CofferError } from '../contract/index.js';

export interface BoundedFileOptions {
  /** Refuse a file that group or others may read (a secret's file must be 0600 or stricter). */
  privateOnly?: boolean;
  /** The code of every refusal; CLI_BAD_FILE unless the caller reads a secret. */
  code?: Extract<CliErrorCode, 'CLI_BAD_FILE' | 'CLI_BAD_SECRET_FILE'>;
}

const CHUNK = 64 * 1024;

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function systemCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'I/O error';
}

/**
 * Reads a file the user named on the command line, at most `maxBytes` of it, or refuses it in one line.
 * `what` names it in messages ("the password file").
 *
 * - The open never blocks (O_NONBLOCK): a FIFO nobody writes to would otherwise hang the command.
 * - Symlinks are followed: secret stores commonly hand files out as links, and what matters is checked on
 *   the descriptor actually opened (fstat), so a link to /dev/zero or a FIFO is refused all the same.
 * - Only a regular file is read; reading stops one chunk past the limit, whatever the file's size claims
 *   (a file can grow while it is read, and /proc files report 0).
 */
export function readBoundedFile(path: string, maxBytes: number, what: string, options: BoundedFileOptions = {}): Buffer {
  const code = options.code ?? 'CLI_BAD_FILE';
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    throw new CofferError(code, `cannot open ${what} ${path} (${systemCode(error)})`);
  }
  try {
    const stats = fstatSync(fd);
    // Ensure it is a plain file: devices, FIFOs and sockets never end or never start.
    if (!stats.isFile()) throw new CofferError(code, `${what} ${path} is ${kindOf(stats)}, expected a regular file`);
    // Ensure no other user could have read the secret in it.
    if (options.privateOnly && (stats.mode & 0o077) !== 0) {
      const mode = `0${(stats.mode & 0o777).toString(8)}`;
      throw new CofferError(code, `${what} ${path} can be read by other users (mode ${mode}): run chmod 600 ${path}`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(CHUNK, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) throw new CofferError(code, `${what} ${path} is larger than ${maxBytes} bytes`);
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof CofferError) throw error;
    throw new CofferError(code, `cannot read ${what} ${path} (${systemCode(error)})`);
  } finally {
    closeSync(fd);
  }
}
