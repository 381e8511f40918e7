import { renameSync } from 'node:fs';
import { fsyncDirectory } from './atomicWrite.js';
import { openEncryptedDatabase, type VaultDatabase } from './database.js';
import { ioError } from './errors.js';
import { initDatabases } from './leftovers.js';
import { schemaVersion } from './migrate.js';
import type { VaultPaths } from './paths.js';
import { readVaultMeta } from './vaultMeta.js';
import { statIfPresent } from './vaultPermissions.js';
import { CofferError } from '../contract/index.js';

/**
 * Opens an existing vault database. An empty file would open under any key as a new, empty database
 * (and be written into by the migrations); a file without Coffer's schema is no vault either. Both are
 * reported as damaged, with nothing written.
 */
export function openVaultDatabase(path: string, dataKey: Uint8Array): VaultDatabase {
  if (statIfPresent(path)?.size === 0) {
    throw new CofferError('VAULT_DB_DAMAGED', 'vault.db is empty (0 bytes), expected an encrypted database: restore it from a backup');
  }
  const db = openEncryptedDatabase(path, dataKey);
  if (schemaVersion(db) === 0) {
    db.close();
    throw new CofferError('VAULT_DB_DAMAGED', 'vault.db opens with the key but holds no Coffer tables: restore it from a backup');
  }
  return db;
}

function isInitDatabaseOf(candidate: string, vaultId: string, dataKey: Uint8Array): boolean {
  let db: VaultDatabase | undefined;
  try {
    db = openVaultDatabase(candidate, dataKey);
    return readVaultMeta(db, 'vault_id') === vaultId;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/**
 * Opens vault.db, or finishes an `init` that crashed after writing vault.keys but before renaming its
 * database into place: the candidate must open with the key and name this vault.
 */
export function openDatabaseOrFinishInit(paths: VaultPaths, vaultId: string, dataKey: Uint8Array): VaultDatabase {
  if (statIfPresent(paths.db)) return openVaultDatabase(paths.db, dataKey);
  const candidate = initDatabases(paths.dir).find((path) => isInitDatabaseOf(path, vaultId, dataKey));
  if (candidate === undefined) throw new CofferError('VAULT_NOT_FOUND', `vault.db is missing from ${paths.dir}`);
  try {
    renameSync(candidate, paths.db);
    fsyncDirectory(paths.dir);
  } catch (cause) {
    throw ioError('rename the new database to', paths.db, cause);
  }
  return openVaultDatabase(paths.db, dataKey);
}
