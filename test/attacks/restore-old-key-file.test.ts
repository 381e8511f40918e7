import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { changePassword, unlockVault, vaultPaths } from '../../src/vault/index.js';
import { makeTestVault, OTHER_PASSWORD, TEST_KDF, TEST_PASSWORD } from '../support/testVault.js';

describe('an attacker restores vault.keys from before a password change (the old password leaked)', () => {
  it('is refused with VAULT_KEYS_ROLLED_BACK', async () => {
    const { dir, vault } = await makeTestVault();
    const oldKeyFile = readFileSync(vaultPaths(dir).keys);
    await changePassword(vault, OTHER_PASSWORD, TEST_KDF);
    vault.lock();
    writeFileSync(vaultPaths(dir).keys, oldKeyFile);
    await expect(() => unlockVault(dir, { password: TEST_PASSWORD })).toThrowCode('VAULT_KEYS_ROLLED_BACK');
  });
});
