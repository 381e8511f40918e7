import type { VaultKeyFile } from '../contract/index.js';
import type { VaultDatabase } from './database.js';
import { readKeyFile } from './keyFileStore.js';
import { CofferError } from '../contract/index.js';

export type VaultMetaKey = 'vault_id' | 'keys_generation' | 'created_at' | 'device_id' | 'user_id' | 'log_failed';

export function readVaultMeta(db: VaultDatabase, key: VaultMetaKey): string | undefined {
  const row = db.prepare('SELECT value FROM vault_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function writeVaultMeta(db: VaultDatabase, key: VaultMetaKey, value: string): void {
  db.prepare('INSERT INTO vault_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

/**
 * Names the vault's user (the bank's user id, learnt at enrolment), inside the caller's transaction. It takes
 * effect at the next unlock; the device certificate binds it from then on (docs/security.md "Enrolment").
 */
export function assignVaultUser(db: VaultDatabase, userId: string): void {
  writeVaultMeta(db, 'user_id', userId);
}

/** True when vault.keys on disk is no longer the one this process read (another process rewrote it since). */
function keyFileChangedSince(file: VaultKeyFile, keysPath: string): boolean {
  try {
    const now = readKeyFile(keysPath);
    return now.generation !== file.generation || now.mac !== file.mac;
  } catch {
    return true;
  }
}

/**
 * Refuses a vault.keys older than the last one this database saw: restoring an old key file would
 * otherwise bring back a password the user changed because it leaked. If the file on disk is no longer
 * the one we read, it is not a restore but a race: another Coffer process (a `passwd`) rewrote it while
 * we derived our key and waited for the database, and the user should simply try again.
 */
export function ensureCurrentKeyFile(db: VaultDatabase, file: VaultKeyFile, keysPath?: string): { adoptedFrom?: number } {
  if (readVaultMeta(db, 'vault_id') !== file.vaultId) {
    throw new CofferError('VAULT_DB_KEY_MISMATCH', 'vault.db belongs to another vault than vault.keys');
  }
  const seen = Number(readVaultMeta(db, 'keys_generation') ?? '0');
  if (file.generation < seen) {
    if (keysPath !== undefined && keyFileChangedSince(file, keysPath)) {
      throw new CofferError(
        'VAULT_KEYS_CHANGED',
        'vault.keys changed while this process was opening the vault (another Coffer process changed the password or keys): try again',
      );
    }
    throw new CofferError(
      'VAULT_KEYS_ROLLED_BACK',
      `vault.keys is generation ${file.generation} but the vault has seen generation ${seen}: an old key file was restored`,
    );
  }
  if (file.generation <= seen) return {};
  // A crash between writing vault.keys and recording it: the newer file is the one the user chose.
  writeVaultMeta(db, 'keys_generation', String(file.generation));
  return { adoptedFrom: seen };
}
