import { join } from 'node:path';

export interface VaultPaths {
  dir: string;
  db: string;
  keys: string;
  backoff: string;
}

export const DB_FILE = 'vault.db';
export const KEYS_FILE = 'vault.keys';
export const BACKOFF_FILE = 'vault.backoff';
/** A database created by `init` carries this prefix until its key file is safely on disk. */
export const INIT_DB_PREFIX = 'vault.db.init-';
/** Random part of the temp names Coffer makes (`vault.keys.tmp-<hex>`, `vault.db.init-<hex>`): 6 bytes as hex. */
export const TEMP_NAME_HEX_LENGTH = 12;
/** Only the vault's user may list, read or write it: another local user gets nothing to copy or to swap. */
export const VAULT_DIR_MODE = 0o700;
export const VAULT_FILE_MODE = 0o600;

export function vaultPaths(dir: string): VaultPaths {
  return { dir, db: join(dir, DB_FILE), keys: join(dir, KEYS_FILE), backoff: join(dir, BACKOFF_FILE) };
}
