import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readKeyFile, unlockVault, vaultPaths, type UnlockedVault, type VaultSecret } from '../../src/vault/index.js';
import { openAsPlainSqlCipher4 } from '../support/sqlcipher.js';
import { makeTestVault } from '../support/testVault.js';
import { CRASH_ROWS_DDL, insertCrashRows, readCrashRows, type CrashRowsFound } from './crashRows.js';
import { CofferError } from '../../src/contract/index.js';

/** A locked test vault holding crash rows 1..`rows`, the committed data a crash must not lose. */
export async function makeCrashVault(password: string, rows: number) {
  const { dir, vault, recoveryCode } = await makeTestVault(password);
  vault.db.exec(CRASH_ROWS_DDL);
  if (rows > 0) insertCrashRows(vault.db, 1, rows);
  const keyHex = dataKeyHexOf(vault);
  vault.lock();
  return { dir, recoveryCode, keyHex };
}

export function dataKeyHexOf(vault: UnlockedVault): string {
  return vault.withDataKey((key) => key.toString('hex'));
}

/** Unlocks without auto-lock; a refusal keeps its code and gains `context` (seed, kill, delay) in its message. */
export async function unlockForTest(dir: string, secret: VaultSecret, context?: string): Promise<UnlockedVault> {
  try {
    return await unlockVault(dir, secret, { autoLockMs: null });
  } catch (error) {
    if (context === undefined || !(error instanceof CofferError)) throw error;
    throw new CofferError(error.code, `${context}: ${error.message}`, { cause: error });
  }
}

/** The data key of the vault as `secret` opens it, with the vault locked again. */
export async function dataKeyHexFor(dir: string, secret: VaultSecret, context?: string): Promise<string> {
  const vault = await unlockForTest(dir, secret, context);
  try {
    return dataKeyHexOf(vault);
  } finally {
    vault.lock();
  }
}

function isWrongSecret(error: unknown): boolean {
  return error instanceof CofferError && (error.code === 'VAULT_WRONG_PASSWORD' || error.code === 'VAULT_WRONG_RECOVERY_CODE');
}

/**
 * Unlocks with the first of `passwords` that opens the vault and says which (its index). Only a wrong
 * password moves on to the next; any other refusal (damaged key file, database that does not open) fails
 * the caller at once.
 */
export async function unlockWithFirstOf(
  dir: string,
  passwords: readonly string[],
  context?: string,
): Promise<{ vault: UnlockedVault; index: number }> {
  let lastError: unknown = new Error('no password to try');
  for (const [index, password] of passwords.entries()) {
    try {
      return { vault: await unlockForTest(dir, { password }, context), index };
    } catch (error) {
      if (!isWrongSecret(error)) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

/** True when `secret` opens the vault, false when it is refused as wrong; anything else throws. */
export async function opensWith(dir: string, secret: VaultSecret): Promise<boolean> {
  try {
    (await unlockForTest(dir, secret)).lock();
    return true;
  } catch (error) {
    if (isWrongSecret(error)) return false;
    throw error;
  }
}

export interface DatabaseFound {
  integrity: string;
  rows: CrashRowsFound | 'no crash_rows table';
}

/**
 * What a stock SQLCipher 4 client sees with the data key: no Coffer code between the key and the pages,
 * so a database that only Coffer's own connection could make sense of would fail here.
 */
export function inspectWithDataKey(dir: string, keyHex: string): DatabaseFound {
  const db = openAsPlainSqlCipher4(vaultPaths(dir).db, keyHex);
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'crash_rows'").get() !== undefined;
    return { integrity, rows: hasTable ? readCrashRows(db) : 'no crash_rows table' };
  } finally {
    db.close();
  }
}

/** Empties the crash rows table (through the data key) so the next child starts from row 1. */
export function clearCrashRows(dir: string, keyHex: string): void {
  const db = openAsPlainSqlCipher4(vaultPaths(dir).db, keyHex);
  try {
    db.exec('DELETE FROM crash_rows');
  } finally {
    db.close();
  }
}

// SQLite's rollback journal magic (sqlite.org/fileformat2.html §4.1): a journal that starts with it is hot.
const JOURNAL_MAGIC = Buffer.from('d9d505f920a163d7', 'hex');

/** The size of vault.db-journal if it is hot (a transaction was under way), else 0. */
export function hotJournalBytes(dir: string): number {
  const path = join(dir, 'vault.db-journal');
  if (!existsSync(path)) return 0;
  const journal = readFileSync(path);
  return journal.subarray(0, JOURNAL_MAGIC.length).equals(JOURNAL_MAGIC) ? journal.length : 0;
}

/**
 * Files in the vault folder that a crash left behind and the next unlock did not clear: everything but
 * vault.db, vault.keys and a *cold* vault.db-journal. The vault holds its database in exclusive locking
 * mode, where SQLite keeps the journal between transactions with a zeroed header instead of deleting it;
 * a journal still hot after an unlock would mean a transaction was neither finished nor rolled back.
 */
export function leftoversIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => {
    if (name === 'vault.db' || name === 'vault.keys') return false;
    return name !== 'vault.db-journal' || hotJournalBytes(dir) > 0;
  });
}

/** Slot ids of vault.keys as they are on disk, by state, sorted (read without any secret). */
export function slotIdsOnDisk(dir: string): { active: string[]; pending: string[] } {
  const { slots } = readKeyFile(vaultPaths(dir).keys);
  const ids = (state: string) => slots.filter((slot) => slot.state === state).map((slot) => slot.id).sort();
  return { active: ids('active'), pending: ids('pending') };
}
