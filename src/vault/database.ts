import Database from 'better-sqlite3-multiple-ciphers';
import { zeroize } from '../crypto/index.js';
import { CofferError } from '../contract/index.js';

export type VaultDatabase = Database.Database;

/**
 * Connection tuning, chosen with `coffer bench` (docs/benchmarks.md): a rollback journal costs almost
 * nothing over plain SQLite while WAL doubles the cipher's share; a 64 MiB page cache keeps point queries
 * from decrypting the same pages again; an exclusive lock keeps reads from re-checking page 1.
 */
export const DATABASE_TUNING = {
  journalMode: 'DELETE',
  cacheSizeKiB: 64 * 1024,
  synchronous: 'FULL',
} as const;

/** How long to wait for another process to let go of the vault before saying it is busy. */
const BUSY_TIMEOUT_MS = 2000;

const HEX = Buffer.from('0123456789abcdef', 'ascii');

/**
 * SQLCipher's raw-key syntax `x'<64 hex digits>'` as bytes, built without an intermediate string so the
 * caller can zero it after use.
 */
export function rawKeyBytes(dataKey: Uint8Array): Buffer {
  const out = Buffer.alloc(3 + dataKey.length * 2);
  out[0] = 0x78; // x
  out[1] = 0x27; // '
  dataKey.forEach((byte, i) => {
    out[2 + 2 * i] = HEX[byte >> 4] ?? 0;
    out[3 + 2 * i] = HEX[byte & 15] ?? 0;
  });
  out[out.length - 1] = 0x27;
  return out;
}

function busyError(cause: unknown): CofferError | undefined {
  if ((cause as { code?: string }).code !== 'SQLITE_BUSY') return undefined;
  return new CofferError('VAULT_BUSY', 'the vault is open in another Coffer process; close it there first', { cause });
}

/** Selects the SQLCipher 4 format (cipher='sqlcipher', legacy=4) that stock SQLCipher 4 opens. */
export function selectSqlCipher4(db: VaultDatabase): void {
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
}

/** Applies the data key; throws VAULT_DB_KEY_MISMATCH when the file does not open with it. */
export function applyDataKey(db: VaultDatabase, dataKey: Uint8Array): void {
  const keyBytes = rawKeyBytes(dataKey);
  try {
    db.key(keyBytes);
  } finally {
    zeroize(keyBytes);
  }
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (cause) {
    throw busyError(cause) ?? new CofferError('VAULT_DB_KEY_MISMATCH', 'vault.db does not open with the unwrapped data key', { cause });
  }
}

export interface OpenDatabaseOptions {
  journalMode?: 'DELETE' | 'WAL' | 'TRUNCATE';
  cacheSizeKiB?: number;
}

function tuneConnection(db: VaultDatabase, options: OpenDatabaseOptions): void {
  // One process owns the vault: holding the lock spares every read from re-validating (and re-decrypting)
  // page 1, which made point queries ten times slower, and keeps a second process from writing behind us.
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma(`journal_mode = ${options.journalMode ?? DATABASE_TUNING.journalMode}`);
  db.pragma(`cache_size = -${Math.trunc(options.cacheSizeKiB ?? DATABASE_TUNING.cacheSizeKiB)}`);
  db.pragma(`synchronous = ${DATABASE_TUNING.synchronous}`);
  // Temp tables and sort spills stay in memory, so no scratch file escapes the cipher.
  db.pragma('temp_store = MEMORY');
}

function takeExclusiveLock(db: VaultDatabase): void {
  try {
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (cause) {
    throw busyError(cause) ?? cause;
  }
}

/** Opens (or creates) an encrypted database file and tunes the connection. */
export function openEncryptedDatabase(path: string, dataKey: Uint8Array, options: OpenDatabaseOptions = {}): VaultDatabase {
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    selectSqlCipher4(db);
    applyDataKey(db, dataKey);
    tuneConnection(db, options);
    db.pragma('foreign_keys = ON');
    takeExclusiveLock(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Changes the data key of an open database. SQLite3MultipleCiphers cannot rekey in WAL mode. */
export function rekeyDatabase(db: VaultDatabase, newDataKey: Uint8Array): void {
  const journalMode = String(db.pragma('journal_mode', { simple: true }));
  if (journalMode.toLowerCase() === 'wal') db.pragma('journal_mode = DELETE');
  // Keep the file's salt: the cipher library otherwise writes a fresh salt into page 1 first, and a crash
  // inside the commit then leaves a file whose salt matches neither the hot journal's pages (old key, old
  // salt) nor the new key's pages, so neither key opens it. Key and salt as `x'<64 hex><32 hex>'`.
  const salt = Buffer.from(String(db.pragma('cipher_salt', { simple: true })), 'hex');
  const keyAndSalt = Buffer.concat([newDataKey, salt]);
  const keyBytes = rawKeyBytes(keyAndSalt);
  zeroize(keyAndSalt);
  try {
    db.rekey(keyBytes);
  } finally {
    zeroize(keyBytes);
  }
  if (journalMode.toLowerCase() === 'wal') db.pragma('journal_mode = WAL');
}

/** Versions of the SQLite engine and its cipher extension, for `coffer doctor`. */
export function cipherLibraryVersions(): { sqlite: string; cipher: string } {
  const db = new Database(':memory:');
  try {
    const row = db.prepare('SELECT sqlite_version() AS sqlite, sqlite3mc_version() AS cipher').get() as { sqlite: string; cipher: string };
    return row;
  } finally {
    db.close();
  }
}

/** The same connection tuning without a cipher: the baseline `coffer bench` compares against. */
export function openPlainDatabase(path: string, options: OpenDatabaseOptions = {}): VaultDatabase {
  const db = new Database(path);
  tuneConnection(db, options);
  return db;
}
