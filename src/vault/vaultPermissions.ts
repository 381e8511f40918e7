import { chmodSync, statSync, type Stats } from 'node:fs';
import { ioError } from './errors.js';
import { VAULT_DIR_MODE, VAULT_FILE_MODE, type VaultPaths } from './paths.js';
import { CofferError } from '../contract/index.js';

export interface LoosePermission {
  path: string;
  /** The permission bits found (e.g. 0o644). */
  mode: number;
  /** The bits Coffer gives it: 0o700 for the folder, 0o600 for a file. */
  wanted: number;
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** Stats of `path`, or undefined when it does not exist; any other failure is VAULT_IO. */
export function statIfPresent(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (cause) {
    if ((cause as { code?: unknown }).code === 'ENOENT') return undefined;
    throw ioError('inspect', path, cause);
  }
}

/**
 * Refuses a vault folder or file that belongs to another user: its owner can swap or read our files
 * whatever mode we set, and chmod would not be ours to do. Skipped where the platform has no user ids.
 */
export function ensureOwnedByUs(path: string, stats: Stats): void {
  const uid = process.geteuid?.();
  if (uid === undefined || stats.uid === uid) return;
  throw new CofferError(
    'VAULT_UNSAFE_PERMISSIONS',
    `${path} belongs to user id ${stats.uid}, expected this user (${uid}): a vault must be its own user's`,
  );
}

/**
 * Refuses what another user owns and lists what others may read or write. Used by unlock before the
 * secret is tried, so nothing is changed for a caller who does not know it.
 */
export function inspectVaultPermissions(paths: VaultPaths): LoosePermission[] {
  const loose: LoosePermission[] = [];
  const candidates: [string, number][] = [
    [paths.dir, VAULT_DIR_MODE],
    [paths.keys, VAULT_FILE_MODE],
    [paths.db, VAULT_FILE_MODE],
    [`${paths.db}-journal`, VAULT_FILE_MODE],
    [paths.backoff, VAULT_FILE_MODE],
  ];
  for (const [path, wanted] of candidates) {
    const stats = statIfPresent(path);
    if (!stats) continue;
    ensureOwnedByUs(path, stats);
    if ((stats.mode & 0o077) !== 0) loose.push({ path, mode: stats.mode & 0o777, wanted });
  }
  return loose;
}

/** Sets each listed path to Coffer's mode; returns a one-line account of what was changed. */
export function tightenVaultPermissions(loose: readonly LoosePermission[]): string {
  for (const { path, wanted } of loose) {
    try {
      chmodSync(path, wanted);
    } catch (cause) {
      throw ioError('set the mode of', path, cause);
    }
  }
  return loose.map(({ path, mode, wanted }) => `${path} ${octal(mode)} → ${octal(wanted)}`).join(', ');
}
