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

export function vaultPaths(dir: string): VaultPaths {
  return { dir, db: join(dir, DB_FILE), keys: join(dir, KEYS_FILE), backoff: join(dir, BACKOFF_FILE) };
}
