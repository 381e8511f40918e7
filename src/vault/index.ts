export { asVaultIoError, ioError, systemCode } from './errors.js';
export { createVault, type CreateVaultOptions, type CreatedVault } from './createVault.js';
export { unlockVault, type UnlockOptions, type VaultSecret } from './unlockVault.js';
export { changePassword } from './changePassword.js';
export { rekeyVault } from './rekeyVault.js';
export { replaceRecoveryCode } from './replaceRecoveryCode.js';
export { UnlockedVault, DEFAULT_AUTO_LOCK_MS, AUTO_LOCK_SETTING, type UnlockedVaultOptions } from './unlockedVault.js';
export { vaultPaths, DB_FILE, KEYS_FILE, BACKOFF_FILE, VAULT_DIR_MODE, VAULT_FILE_MODE, type VaultPaths } from './paths.js';
export { PBKDF2_MIN_ITERATIONS, PBKDF2_MAX_ITERATIONS, DEFAULT_KDF_TARGET_MS, calibratePbkdf2Iterations, type KdfChoice } from './kdfCalibration.js';
export { readKeyFile } from './keyFileStore.js';
export { readBackoff, backoffDelaySeconds, FREE_ATTEMPTS, MAX_DELAY_SECONDS } from './backoff.js';
export {
  openEncryptedDatabase,
  openPlainDatabase,
  cipherLibraryVersions,
  selectSqlCipher4,
  applyDataKey,
  DATABASE_TUNING,
  type VaultDatabase,
  type OpenDatabaseOptions,
} from './database.js';
export { migrate, schemaVersion } from './migrate.js';
export { MIGRATIONS, LATEST_SCHEMA_VERSION, type Migration } from './migrations/index.js';
export { LEGACY_IDENTITY_VERSION, legacyEntryIdentity, type LegacyBooking } from './legacyEntryIdentity.js';
export { MIN_PASSWORD_LENGTH, ensureStrongPassword } from './password.js';
export { writeFileAtomic, fsyncDirectory } from './atomicWrite.js';
export { isInsideVaultDir } from './isInsideVaultDir.js';
export { readRegularFile, type RegularFileRead } from './readSmallFile.js';
export { coreDumpsDisabled } from './processHardening.js';
export { VaultAuditLog, readAuditEntries, readCheckpoints, type AuditRecord, type StoredAuditEntry } from './auditLog.js';
export type { VaultEvent } from './unlockedVault.js';
export type { DeviceIdentity } from './deviceKey.js';
export { SEALED_TABLES, recordDigest, batchDigest, type RecordClaims } from './recordSeals.js';
export { assignVaultUser } from './vaultMeta.js';
export { addPrfSlot, removeHardwareKeySlots, type AddPrfSlotOptions } from './hardwareKeySlots.js';
export { opensWithPasswordAndKey, requirePasswordAndKey, type PasswordAndKeyResult, type RequirePasswordAndKeyOptions } from './passwordAndKeySlot.js';
export { dangerousTestOnlyCrashPoint } from './crashPoint.js';
