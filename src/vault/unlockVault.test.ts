import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeTestVault, OTHER_PASSWORD, TEST_KDF, TEST_PASSWORD } from '../../test/support/testVault.js';
import { openAsPlainSqlCipher4 } from '../../test/support/sqlcipher.js';
import { FREE_ATTEMPTS, readBackoff } from './backoff.js';
import { changePassword } from './changePassword.js';
import { vaultPaths } from './paths.js';
import { unlockVault } from './unlockVault.js';
import { schemaVersion } from './migrate.js';
import { LATEST_SCHEMA_VERSION } from './migrations/index.js';

const MARKER = 'PLAINTEXT-MARKER-7f3a9c';

function snapshot(dir: string) {
  const paths = vaultPaths(dir);
  return { db: readFileSync(paths.db), keys: readFileSync(paths.keys) };
}

describe('a new vault', () => {
  it('opens with its password and with its recovery code, and both give the same vault', async () => {
    const { dir, vault, recoveryCode } = await makeTestVault();
    vault.lock();
    const byPassword = await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null });
    byPassword.lock();
    const byRecovery = await unlockVault(dir, { recoveryCode: recoveryCode.toLowerCase() }, { autoLockMs: null });
    expect(byRecovery.vaultId).toBe(byPassword.vaultId);
    byRecovery.lock();
  });

  it('never writes a plaintext SQLite header or inserted plaintext to disk', async () => {
    const { dir, vault } = await makeTestVault();
    vault.db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('note', ?, 'now')").run(MARKER);
    vault.lock();
    const { db, keys } = snapshot(dir);
    expect(db.includes('SQLite format 3')).toBe(false);
    expect(db.includes(MARKER)).toBe(false);
    expect(keys.includes(MARKER)).toBe(false);
  });

  it('is opened by its exported data key from a plain SQLCipher 4 connection', async () => {
    const { dir, vault } = await makeTestVault();
    vault.db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('note', ?, 'now')").run(MARKER);
    const keyHex = vault.withDataKey((key) => key.toString('hex'));
    vault.lock();
    const plain = openAsPlainSqlCipher4(vaultPaths(dir).db, keyHex);
    expect(plain.prepare("SELECT value FROM settings WHERE key = 'note'").get()).toEqual({ value: MARKER });
    plain.close();
  });
});

/** What migrations 12 (pending statements) and 11 (bank opening balances) added. */
const DROP_SCHEMA_11 = 'DROP TABLE pending_statements; DROP TABLE bank_opening_balances;';
/** What migration 10 (approvals between vaults) added, with what came after it. */
const DROP_SCHEMA_10 = `${DROP_SCHEMA_11} DROP TABLE sent_approvals; DROP TABLE pending_payment_cursor; DROP TABLE received_payments; DROP TABLE shared_payments; DROP TABLE credential_registrations;`;
const DROP_SCHEMA_9 = `${DROP_SCHEMA_10} DROP TABLE payment_status_cursor; DROP TABLE payment_status_reports;`;

/** What migration 7 (bank connection) added, so a test can make a file as the releases before it wrote it. */
const DROP_SCHEMA_7 = 'DROP TABLE witness_cosignatures; DROP TABLE payment_outbox; DROP TABLE statement_cursors; DROP TABLE bank_connection;';

describe('a vault of the release before bank enrolment (schema 6)', () => {
  it('is migrated at unlock to the latest schema, and its new tables take audited writes', async () => {
    const { dir, vault } = await makeTestVault();
    const keyHex = vault.withDataKey((key) => key.toString('hex'));
    vault.lock();
    const plain = openAsPlainSqlCipher4(vaultPaths(dir).db, keyHex);
    plain.exec(`${DROP_SCHEMA_9} DROP TABLE payee_checks; ${DROP_SCHEMA_7} PRAGMA user_version = 6;`);
    plain.close();
    const reopened = await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null });
    expect(schemaVersion(reopened.db)).toBe(LATEST_SCHEMA_VERSION);
    reopened.db
      .prepare("INSERT INTO bank_connection VALUES (1, 'https://bank.example', 'd', 'o', 'u', 'EdDSA', 'k', 'c', 'w', 'wk', 'now')")
      .run();
    expect(reopened.db.prepare("SELECT count(*) AS n FROM temp.touched_records WHERE tbl = 'bank_connection'").get()).toEqual({ n: 1 });
    reopened.lock();
  });
});

describe('a vault of the release before hardware keys (schema 5)', () => {
  it('is migrated at unlock to the latest schema, and its new tables take audited writes', async () => {
    const { dir, vault } = await makeTestVault();
    const keyHex = vault.withDataKey((key) => key.toString('hex'));
    vault.lock();
    // Ensure the file is what that release wrote: without the tables of migrations 6, 7 and 8, at user_version 5.
    const plain = openAsPlainSqlCipher4(vaultPaths(dir).db, keyHex);
    plain.exec(`${DROP_SCHEMA_9} DROP TABLE payee_checks; ${DROP_SCHEMA_7} DROP TABLE approval_evidence; DROP TABLE webauthn_credentials; PRAGMA user_version = 5;`);
    plain.close();
    const reopened = await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null });
    expect(schemaVersion(reopened.db)).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThan(5);
    reopened.db
      .prepare("INSERT INTO webauthn_credentials (id, user_id, public_key, sign_count, transports, aaguid, name, prf_capable, created_at) VALUES ('k', 'owner', x'00', 0, '[]', '', 'key', 0, 'now')")
      .run();
    expect(reopened.db.prepare("SELECT count(*) AS n FROM temp.touched_records WHERE tbl = 'webauthn_credentials'").get()).toEqual({ n: 1 });
    reopened.db
      .prepare("INSERT INTO payee_checks (id, iban, name, result, checked_at, answer, recorded_by, recorded_at) VALUES ('c', 'DE89370400440532013000', 'n', 'match', 'now', 'jws', 'owner', 'now')")
      .run();
    expect(reopened.db.prepare("SELECT count(*) AS n FROM temp.touched_records WHERE tbl = 'payee_checks'").get()).toEqual({ n: 1 });
    reopened.lock();
  });
});

describe('when the password is wrong', () => {
  it('refuses it with VAULT_WRONG_PASSWORD and leaves both files byte-identical', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    const before = snapshot(dir);
    await expect(() => unlockVault(dir, { password: 'wrong password, long enough' })).toThrowCode('VAULT_WRONG_PASSWORD');
    const after = snapshot(dir);
    expect(after.db.equals(before.db)).toBe(true);
    expect(after.keys.equals(before.keys)).toBe(true);
  });

  it('counts wrong guesses beside the vault and backs off after the free attempts', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    for (let i = 0; i < FREE_ATTEMPTS; i++) {
      await expect(() => unlockVault(dir, { password: `wrong password number ${i}` })).toThrowCode('VAULT_WRONG_PASSWORD');
    }
    expect(readBackoff(vaultPaths(dir).backoff).failures).toBe(FREE_ATTEMPTS);
    // Even the right password waits out the back-off: the delay is what slows a guesser.
    await expect(() => unlockVault(dir, { password: TEST_PASSWORD })).toThrowCode('VAULT_BACKOFF');
  });

  it('reports the failed attempts at the next unlock and then clears them', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    await expect(() => unlockVault(dir, { password: 'not the password at all' })).toThrowCode('VAULT_WRONG_PASSWORD');
    await expect(() => unlockVault(dir, { recoveryCode: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA' })).toThrowCode(
      'VAULT_WRONG_RECOVERY_CODE',
    );
    const unlocked = await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null });
    expect(unlocked.failedAttempts.map((attempt) => attempt.via)).toEqual(['password', 'recovery']);
    expect(existsSync(vaultPaths(dir).backoff)).toBe(false);
    unlocked.lock();
  });

  it('counts a damaged back-off file as one failure, so it neither hides guesses nor locks the owner out', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    writeFileSync(vaultPaths(dir).backoff, '{"failures": 0');
    await expect(() => unlockVault(dir, { password: 'wrong password, long enough' })).toThrowCode('VAULT_WRONG_PASSWORD');
    expect(readBackoff(vaultPaths(dir).backoff).failures).toBe(2);
    (await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null })).lock();
  });
});

describe('when another process already has the vault open', () => {
  it('refuses a second opening with VAULT_BUSY instead of writing behind its back', async () => {
    const { dir, vault } = await makeTestVault();
    await expect(() => unlockVault(dir, { password: TEST_PASSWORD })).toThrowCode('VAULT_BUSY');
    vault.lock();
    (await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null })).lock();
  });
});

describe('locking', () => {
  it('zeroes the data key and refuses the database with VAULT_LOCKED', async () => {
    const { vault } = await makeTestVault();
    const key = vault.withDataKey((k) => k);
    vault.lock();
    expect(key.every((byte) => byte === 0)).toBe(true);
    expect(vault.isLocked).toBe(true);
    await expect(() => vault.db).toThrowCode('VAULT_LOCKED');
  });

  it('locks by itself after the idle time the vault is configured with', async () => {
    const { dir, vault } = await makeTestVault();
    vault.db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('vault.auto_lock_seconds', '0.05', 'now')").run();
    vault.lock();
    const unlocked = await unlockVault(dir, { password: TEST_PASSWORD });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(unlocked.isLocked).toBe(true);
  });

  it('locks by itself after the idle time', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    const unlocked = await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: 30 });
    const key = unlocked.withDataKey((k) => k);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(unlocked.isLocked).toBe(true);
    expect(key.every((byte) => byte === 0)).toBe(true);
  });
});

describe('changing the password', () => {
  it('rewraps the password slot only: the old password fails, the new one and the recovery code open the same data', async () => {
    const { dir, vault, recoveryCode } = await makeTestVault();
    vault.db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('kept', 'yes', 'now')").run();
    const keyBefore = vault.withDataKey((k) => k.toString('hex'));
    const recoverySlot = vault.keyFile.slots.find((slot) => slot.kind === 'recovery');
    await changePassword(vault, OTHER_PASSWORD, TEST_KDF);
    expect(vault.keyFile.slots.find((slot) => slot.kind === 'recovery')?.wrappedKey).toBe(recoverySlot?.wrappedKey);
    vault.lock();
    await expect(() => unlockVault(dir, { password: TEST_PASSWORD })).toThrowCode('VAULT_WRONG_PASSWORD');
    const reopened = await unlockVault(dir, { password: OTHER_PASSWORD }, { autoLockMs: null });
    expect(reopened.withDataKey((k) => k.toString('hex'))).toBe(keyBefore);
    expect(reopened.db.prepare("SELECT value FROM settings WHERE key = 'kept'").get()).toEqual({ value: 'yes' });
    reopened.lock();
    (await unlockVault(dir, { recoveryCode }, { autoLockMs: null })).lock();
  });

  it('lets a user who forgot the password set a new one with the recovery code', async () => {
    const { dir, vault, recoveryCode } = await makeTestVault();
    vault.lock();
    const recovered = await unlockVault(dir, { recoveryCode }, { autoLockMs: null });
    await changePassword(recovered, OTHER_PASSWORD, TEST_KDF);
    recovered.lock();
    (await unlockVault(dir, { password: OTHER_PASSWORD }, { autoLockMs: null })).lock();
  });

  it('refuses a short new password with VAULT_WEAK_PASSWORD and changes nothing', async () => {
    const { dir, vault } = await makeTestVault();
    const before = readFileSync(vaultPaths(dir).keys);
    await expect(() => changePassword(vault, 'short', TEST_KDF)).toThrowCode('VAULT_WEAK_PASSWORD');
    expect(readFileSync(vaultPaths(dir).keys).equals(before)).toBe(true);
    vault.lock();
  });
});
