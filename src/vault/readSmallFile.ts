import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { ioError } from './errors.js';

export type RegularFileRead =
  | { kind: 'missing' }
  /** The path exists but is not something to read whole: why, in words ("is a FIFO, not a regular file"). */
  | { kind: 'refused'; problem: string }
  | { kind: 'read'; bytes: Buffer; mode: number };

const CHUNK_BYTES = 64 * 1024;

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads a whole regular file of at most `maxBytes`, or says why not. A file planted where one is expected (a
 * FIFO, /dev/zero behind a symlink, a gigabyte of junk) must neither hang nor exhaust memory: the open does
 * not block, the type is checked on the descriptor actually opened (so a symlink is judged by what it points
 * at), and reading stops one byte past `maxBytes` whatever the file claims its size is (a file can grow while
 * it is read, and /proc files report 0). System errors other than a missing file are thrown as they come.
 */
export function readRegularFile(path: string, maxBytes: number): RegularFileRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (cause) {
    if ((cause as { code?: unknown }).code === 'ENOENT') return { kind: 'missing' };
    throw cause;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { kind: 'refused', problem: `is ${kindOf(stats)}, not a regular file` };
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, maxBytes + 1 - length));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      length += read;
      if (length > maxBytes) return { kind: 'refused', problem: `is larger than ${maxBytes} bytes` };
    }
    return { kind: 'read', bytes: Buffer.concat(chunks, length), mode: stats.mode & 0o777 };
  } finally {
    closeSync(fd);
  }
}

export type SmallFile = { found: false } | { found: true; bytes: Buffer } | { found: true; problem: string };

/** Reads one of the vault's own small files (readRegularFile), with system errors as VAULT_IO. */
export function readSmallFile(path: string, maxBytes: number): SmallFile {
  let read: RegularFileRead;
  try {
    read = readRegularFile(path, maxBytes);
  } catch (cause) {
    throw ioError('read', path, cause);
  }
  if (read.kind === 'missing') return { found: false };
  if (read.kind === 'refused') return { found: true, problem: read.problem };
  return { found: true, bytes: read.bytes };
}
