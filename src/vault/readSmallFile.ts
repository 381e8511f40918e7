import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { ioError } from './errors.js';

export type SmallFile =
  | { found: false }
  | { found: true; bytes: Buffer }
  /** The path exists but is not something to read whole: why, in words. */
  | { found: true; problem: string };

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads one of the vault's own small files. A file planted in its place (a FIFO, /dev/zero behind a symlink,
 * a gigabyte of junk) must neither hang nor exhaust memory: the open does not block, the descriptor's own
 * type is checked, and reading stops one byte past `maxBytes` whatever the file claims its size is.
 */
export function readSmallFile(path: string, maxBytes: number): SmallFile {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (cause) {
    if ((cause as { code?: unknown }).code === 'ENOENT') return { found: false };
    throw ioError('open', path, cause);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { found: true, problem: `is ${kindOf(stats)}, not a regular file` };
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > maxBytes) return { found: true, problem: `is larger than ${maxBytes} bytes` };
    }
    return { found: true, bytes: buffer.subarray(0, length) };
  } catch (cause) {
    throw ioError('read', path, cause);
  } finally {
    closeSync(fd);
  }
}
