import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from '../crypto/index.js';
import { ioError } from './errors.js';

const TEMP_MARKER = '.tmp-';

/** Forces a directory entry change (create, rename) to disk, so a crash cannot resurrect the old name. */
export function fsyncDirectory(directory: string): void {
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `path` with `data` so that after a crash at any instant the file holds either the old or the
 * new bytes: write a temp file beside it, fsync it, rename over the target, fsync the directory.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): void {
  try {
    writeThenRename(path, data, mode);
  } catch (cause) {
    throw ioError('write', path, cause);
  }
}

function writeThenRename(path: string, data: string | Uint8Array, mode: number): void {
  const temp = join(dirname(path), `${basename(path)}${TEMP_MARKER}${randomBytes(6).toString('hex')}`);
  const fd = openSync(temp, 'wx', mode);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temp, path);
  fsyncDirectory(dirname(path));
}

/** Removes `path` durably (a crash after return cannot bring it back). */
export function removeFileDurably(path: string): void {
  try {
    rmSync(path, { force: true });
    fsyncDirectory(dirname(path));
  } catch (cause) {
    throw ioError('remove', path, cause);
  }
}

/** True for temp files a crashed atomic write left behind; they are never the live copy. */
export function isLeftoverTempFile(name: string): boolean {
  return name.includes(TEMP_MARKER);
}
