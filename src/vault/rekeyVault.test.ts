import { describe, expect, it } from 'vitest';
import { openAsPlainSqlCipher4 } from '../../test/support/sqlcipher.js';
import { makeTestVault, TEST_KDF, TEST_PASSWORD } from '../../test/support/testVault.js';
import { vaultPaths } from './paths.js';
import { rekeyVault } from './rekeyVault.js';
import { unlockVault } from './unlockVault.js';

describe('rekeying', () => {
  it('re-encrypts the database under a new data key, keeps the data, and issues a new recovery code', async () => {
    const { dir, vault, recoveryCode: oldCode } = await makeTestVault();
    vault.db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('kept', 'yes', 'now')").run();
    const oldKey = vault.withDataKey((k) => k.toString('hex'));
    const { recoveryCode } = await rekeyVault(vault, TEST_PASSWORD, TEST_KDF);
    const newKey = vault.withDataKey((k) => k.toString('hex'));
    expect(newKey).not.toBe(oldKey);
    expect(vault.keyFile.slots.every((slot) => slot.state === 'active')).toBe(true);
    vault.lock();

    const stale = openAsPlainSqlCipher4(vaultPaths(dir).db, oldKey);
    expect(() => stale.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    stale.close();
    const fresh = openAsPlainSqlCipher4(vaultPaths(dir).db, newKey);
    expect(fresh.prepare("SELECT value FROM settings WHERE key = 'kept'").get()).toEqual({ value: 'yes' });
    fresh.close();

    (await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null })).lock();
    (await unlockVault(dir, { recoveryCode }, { autoLockMs: null })).lock();
    await expect(() => unlockVault(dir, { recoveryCode: oldCode })).toThrowCode('VAULT_WRONG_RECOVERY_CODE');
  });

  it('refuses with VAULT_WRONG_PASSWORD when the password given is not the vault password', async () => {
    const { vault } = await makeTestVault();
    await expect(() => rekeyVault(vault, 'some other long password', TEST_KDF)).toThrowCode('VAULT_WRONG_PASSWORD');
    vault.lock();
  });
});
