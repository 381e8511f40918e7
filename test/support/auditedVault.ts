import { verifyVaultAudit } from '../../src/app/audit/verifyVaultAudit.js';
import { unlockVault } from '../../src/vault/index.js';
import { openAsPlainSqlCipher4 } from './sqlcipher.js';
import { makeTestVault, TEST_PASSWORD } from './testVault.js';
import type Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';

/**
 * A vault whose log has `sessions` × `perSession` entries beyond its own, checkpointed after each session,
 * then locked: the state an attacker with the exported data key finds on disk.
 */
export async function makeAuditedVault(sessions = 4, perSession = 10) {
  const { dir, vault } = await makeTestVault();
  const keyHex = vault.withDataKey((key) => key.toString('hex'));
  for (let s = 0; s < sessions; s++) {
    for (let i = 0; i < perSession; i++) {
      vault.transact({ action: 'settings.write', target: `key-${s}-${i}` }, (db) =>
        db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(`key-${s}-${i}`, 'v', 'now'),
      );
    }
    vault.audit.checkpoint();
  }
  vault.lock();
  return { dir, keyHex };
}

/** Edits the vault file directly, as someone holding the data key but not using Coffer would. */
export function tamper(dir: string, keyHex: string, edit: (db: Database.Database) => void): void {
  const db = openAsPlainSqlCipher4(join(dir, 'vault.db'), keyHex);
  try {
    edit(db);
  } finally {
    db.close();
  }
}

/** Runs `coffer audit verify` on the vault as its owner would. */
export async function verifyAudit(dir: string) {
  const vault = await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null });
  try {
    return await verifyVaultAudit(vault);
  } finally {
    vault.lock();
  }
}
