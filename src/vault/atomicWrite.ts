import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from '../crypto/index.js';
import { ioError } from './errors.js';
import { TEMP_NAME_HEX_LENGTH, VAULT_FILE_MODE } from './paths.js';

/** `<name>.tmp-<12 hex>`: the exact shape leftovers.ts recognises, so no file of the user's is ever taken for one. */
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
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = VAULT_FILE_MODE): void {
  try {
    writeThenRename(path, data, mode);
  } catch (cause) {
    throw ioError('write', path, cause);
  }
}

/** The temp file an atomic write of `path` goes through, beside it. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `${basename(path)}${TEMP_MARKER}${randomBytes(TEMP_NAME_HEX_LENGTH / 2).toString('hex')}`);
}

function writeThenRename(path: string, data: string | Uint8Array, mode: number): void {
  const temp = tempPathFor(path);
  const fd = openSync(temp, 'wx', mode);
  try {
    // The umask can only take bits away; set the mode exactly, so an odd umask cannot leave it unreadable either.
    fchmodSync(fd, mode);
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
