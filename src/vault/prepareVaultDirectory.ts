import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { removeFileDurably } from './atomicWrite.js';
import { ioError } from './errors.js';
import { isCofferLeftover } from './leftovers.js';
import { BACKOFF_FILE, VAULT_DIR_MODE } from './paths.js';
import { ensureOwnedByUs, statIfPresent } from './vaultPermissions.js';
import { CofferError } from '../contract/index.js';

/**
 * Creates `dir` and any missing parents, one level at a time: Node's own recursive mkdir spins forever on
 * some special file systems (a path under /proc), and a user's typo must end in a one-line error.
 */
function makeDirectories(dir: string): void {
  const missing: string[] = [];
  for (let path = dir; !existsSync(path); path = dirname(path)) {
    missing.unshift(path);
    if (dirname(path) === path) break;
  }
  for (const path of missing) {
    try {
      mkdirSync(path, { mode: VAULT_DIR_MODE });
    } catch (cause) {
      throw ioError('create the vault directory', path, cause);
    }
  }
}

function describeNames(names: readonly string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

/**
 * Makes `dir` ready for a new vault: created 0700 if missing; if it exists, it must be ours, writable by
 * nobody else, and hold nothing but what a crashed Coffer leaves (which is removed). A folder with the
 * user's own files is refused untouched: init never deletes or exposes a file it did not make.
 */
export function prepareVaultDirectory(dir: string): void {
  const path = resolve(dir);
  makeDirectories(path);
  const stats = statIfPresent(path);
  if (!stats?.isDirectory()) throw ioError('create the vault directory', path, { code: 'ENOTDIR' });
  // Ensure no one else can have planted or can later swap a file in the folder we are about to fill.
  ensureOwnedByUs(path, stats);
  if ((stats.mode & 0o022) !== 0) {
    throw new CofferError(
      'VAULT_UNSAFE_PERMISSIONS',
      `${path} is writable by other users (mode 0${(stats.mode & 0o777).toString(8)}): choose a private folder`,
    );
  }
  let names: string[];
  try {
    names = readdirSync(path);
  } catch (cause) {
    throw ioError('list', path, cause);
  }
  const foreign = names.filter((name) => !isCofferLeftover(name) && name !== BACKOFF_FILE);
  if (foreign.length > 0) {
    throw new CofferError(
      'VAULT_DIR_NOT_EMPTY',
      `${path} holds files that are not Coffer's (${describeNames(foreign)}): choose an empty folder; nothing was changed`,
    );
  }
  for (const name of names) removeFileDurably(join(path, name));
  try {
    chmodSync(path, VAULT_DIR_MODE);
  } catch (cause) {
    throw ioError('set the mode of', path, cause);
  }
}
