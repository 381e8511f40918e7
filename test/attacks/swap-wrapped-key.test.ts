import { describe, expect, it } from 'vitest';
import { unlockVault } from '../../src/vault/index.js';
import { editKeyFile, slotOf } from '../support/keyFileEdit.js';
import { makeTestVault, TEST_PASSWORD } from '../support/testVault.js';

describe('an attacker swaps the wrapped keys of two slots', () => {
  it('is refused with VAULT_KEYSLOT_TAMPERED, not mistaken for a wrong password', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    editKeyFile(dir, (file) => {
      const password = slotOf(file, 'password');
      const recovery = slotOf(file, 'recovery');
      [password.wrappedKey, recovery.wrappedKey] = [recovery.wrappedKey, password.wrappedKey];
      [password.iv, recovery.iv] = [recovery.iv, password.iv];
      [password.tag, recovery.tag] = [recovery.tag, password.tag];
    });
    await expect(() => unlockVault(dir, { password: TEST_PASSWORD })).toThrowCode('VAULT_KEYSLOT_TAMPERED');
  });
});

describe("an attacker plants another vault's key file (whose password they know)", () => {
  it('is refused: the slots are bound to their vault id', async () => {
    const { dir, vault } = await makeTestVault();
    const { dir: otherDir, vault: other } = await makeTestVault('attacker knows this password');
    vault.lock();
    other.lock();
    let foreign = '';
    editKeyFile(otherDir, (file) => {
      foreign = JSON.stringify(file);
    });
    editKeyFile(dir, (file) => Object.assign(file, JSON.parse(foreign)));
    await expect(() => unlockVault(dir, { password: 'attacker knows this password' })).toThrowCode('VAULT_DB_KEY_MISMATCH');
  });
});
