import { closeSync, existsSync, openSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { CofferError, VAULT_KEYS_FORMAT } from '../contract/index.js';
import { randomBytes, randomId, zeroize } from '../crypto/index.js';
import { fsyncDirectory } from './atomicWrite.js';
import { dangerousTestOnlyCrashPoint } from './crashPoint.js';
import { openEncryptedDatabase } from './database.js';
import { asVaultIoError, ioError } from './errors.js';
import { chooseIterations } from './kdfCalibration.js';
import { sealKeyFile } from './keyFileMac.js';
import { writeKeyFile } from './keyFileStore.js';
import { createSlot } from './keySlot.js';
import { migrate } from './migrate.js';
import { ensureStrongPassword, passwordBytes } from './password.js';
import { INIT_DB_PREFIX, TEMP_NAME_HEX_LENGTH, VAULT_FILE_MODE, vaultPaths } from './paths.js';
import { prepareVaultDirectory } from './prepareVaultDirectory.js';
import { generateRecoveryCode, normalizeRecoveryCode } from './recoveryCode.js';
import { unlockVault, type UnlockOptions } from './unlockVault.js';
import type { UnlockedVault } from './unlockedVault.js';
import { writeVaultMeta } from './vaultMeta.js';

export interface CreateVaultOptions extends UnlockOptions {
  /** Calibration target for the password KDF; the floor applies whatever it says. */
  kdfTargetMs?: number;
  /** A fixed iteration count (at least the floor), for tests that create many vaults. */
  iterations?: number;
}

export interface CreatedVault {
  vault: UnlockedVault;
  /** Shown to the user once; only its wrapped form is stored. */
  recoveryCode: string;
}

/**
 * Creates the database file with mode 0600 before SQLite opens it: SQLite would create it with 0644 minus
 * the umask, and it gives its rollback journal the database file's mode, so this covers the journal too.
 */
function createPrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', VAULT_FILE_MODE));
  } catch (cause) {
    throw ioError('create', path, cause);
  }
}

/** The new vault's schema and identity, in the init database (VAULT_IO if the disk refuses). */
function buildDatabase(path: string, dataKey: Uint8Array, meta: { vaultId: string; createdAt: string }): void {
  createPrivateFile(path);
  try {
    const db = openEncryptedDatabase(path, dataKey);
    try {
      migrate(db);
      db.transaction(() => {
        writeVaultMeta(db, 'vault_id', meta.vaultId);
        writeVaultMeta(db, 'keys_generation', '1');
        writeVaultMeta(db, 'created_at', meta.createdAt);
      })();
    } finally {
      db.close();
    }
  } catch (error) {
    throw asVaultIoError(error, 'write the new database', path);
  }
}

/**
 * Creates a vault: a fresh data key, an encrypted database, a password slot and a recovery slot. The
 * database is built under a temporary name and renamed only after vault.keys is on disk, so a crash at any
 * instant leaves either no vault (init can run again) or a complete one.
 */
export async function createVault(dir: string, password: string, options: CreateVaultOptions = {}): Promise<CreatedVault> {
  ensureStrongPassword(password);
  const paths = vaultPaths(dir);
  if (existsSync(paths.keys) || existsSync(paths.db)) {
    throw new CofferError('VAULT_EXISTS', `a vault already exists in ${dir}`);
  }
  // Before the folder is touched: a refused request leaves everything as it was.
  const iterations = chooseIterations(options);
  prepareVaultDirectory(dir);

  const dataKey = randomBytes(32);
  const vaultId = randomId();
  const recoveryCode = generateRecoveryCode();
  const createdAt = new Date().toISOString();
  const initPath = join(dir, `${INIT_DB_PREFIX}${randomBytes(TEMP_NAME_HEX_LENGTH / 2).toString('hex')}`);
  try {
    buildDatabase(initPath, dataKey, { vaultId, createdAt });
    dangerousTestOnlyCrashPoint('init:after-db');
    const password_ = passwordBytes(password);
    const recovery = normalizeRecoveryCode(recoveryCode);
    const slots = [
      await createSlot({ vaultId, kind: 'password', state: 'active', secret: password_, iterations, dataKey }),
      await createSlot({ vaultId, kind: 'recovery', state: 'active', secret: recovery, iterations, dataKey }),
    ];
    zeroize(password_, recovery);
    writeKeyFile(paths.keys, sealKeyFile({ format: VAULT_KEYS_FORMAT, vaultId, createdAt, generation: 1, slots }, dataKey));
    dangerousTestOnlyCrashPoint('init:after-keys');
    try {
      renameSync(initPath, paths.db);
      fsyncDirectory(dir);
    } catch (cause) {
      throw ioError('rename the new database to', paths.db, cause);
    }
  } finally {
    zeroize(dataKey);
  }
  // The log's first entry is the vault's creation, not an unlock.
  const vault = await unlockVault(dir, { password }, { ...options, recordUnlock: false });
  vault.record([{ action: 'vault.init', outcome: 'allowed', details: { kdfIterations: iterations } }]);
  return { vault, recoveryCode };
}
