import { closeSync, constants, fsyncSync, linkSync, lstatSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CofferError } from '../../contract/index.js';
import { randomBytes } from '../../crypto/index.js';
import { fsyncDirectory, isInsideVaultDir } from '../../vault/index.js';

/** Where a caller wants a produced file: the CLI's `--out` (the desktop saves through the browser's picker instead). */
export interface DeliveryTarget {
  path: string;
  /** Replace an existing regular file (`--force`); never a symbolic link or anything else. */
  overwrite: boolean;
}

function cannotWrite(target: string, cause: unknown): CofferError {
  const code = (cause as { code?: unknown } | undefined)?.code;
  return new CofferError('APP_CANNOT_WRITE', `cannot write ${target}${typeof code === 'string' ? ` (${code})` : ''}`, { cause });
}

/** Refuses a target that would replace something it must not, before any byte is written. */
function checkTarget(target: string, overwrite: boolean, vaultDir: string): void {
  try {
    if (!statSync(realpathSync(dirname(target))).isDirectory()) throw new Error('not a folder');
  } catch (cause) {
    throw new CofferError('APP_CANNOT_WRITE', `expected an existing folder for ${target}, found none`, { cause });
  }
  // Ensure exports never land among the vault's own files, where cleanup or a restore could take them.
  if (isInsideVaultDir(vaultDir, target)) throw new CofferError('APP_CANNOT_WRITE', `expected a folder outside the vault, found ${target} inside it`);
  let existing: ReturnType<typeof lstatSync> | undefined;
  try {
    existing = lstatSync(target);
  } catch {
    existing = undefined;
  }
  if (existing === undefined) return;
  if (existing.isSymbolicLink()) throw new CofferError('APP_CANNOT_WRITE', `expected a file, found a symbolic link at ${target}: not followed`);
  if (!existing.isFile()) throw new CofferError('APP_CANNOT_WRITE', `expected a file, found something else at ${target}`);
  if (!overwrite) throw new CofferError('APP_FILE_EXISTS', `expected a new file, found ${target} already there (--force replaces it)`);
}

/**
 * Writes a produced file so that a crash leaves either no file (or the old one) or the whole new file: a
 * private temp file beside the target (never following a link), fsync, then a hard link that fails if the
 * name appeared meanwhile (or a rename over it with `overwrite`), and an fsync of the folder.
 */
export function deliverFile(bytes: Uint8Array, target: DeliveryTarget, vaultDir: string): void {
  const path = resolve(target.path);
  checkTarget(path, target.overwrite, vaultDir);
  const temp = join(dirname(path), `.${basename(path)}.coffer-${randomBytes(6).toString('hex')}`);
  try {
    const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (target.overwrite) renameSync(temp, path);
    else linkSync(temp, path);
    fsyncDirectory(dirname(path));
  } catch (cause) {
    if ((cause as { code?: unknown }).code === 'EEXIST') throw new CofferError('APP_FILE_EXISTS', `expected a new file, found ${path} created meanwhile`, { cause });
    throw cannotWrite(path, cause);
  } finally {
    removeQuietly(temp);
  }
}

/** Drops the temp name; a failure here must not hide the error that brought us here. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing was created there (the folder is not one), or it is already gone.
  }
}
