import { describe, expect, it } from 'vitest';
import { unlockVault } from '../../src/vault/index.js';
import { editKeyFile, slotOf } from '../support/keyFileEdit.js';
import { makeTestVault, TEST_PASSWORD } from '../support/testVault.js';

describe('an attacker lowers the PBKDF2 iterations of a slot to make guessing cheap', () => {
  it('refuses the slot with VAULT_KDF_DOWNGRADE before deriving anything', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    editKeyFile(dir, (file) => {
      slotOf(file, 'password').kdf.iterations = 1000;
    });
    await expect(() => unlockVault(dir, { password: TEST_PASSWORD })).toThrowCode('VAULT_KDF_DOWNGRADE');
  });

  it('refuses a shortened salt with VAULT_KDF_DOWNGRADE', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    editKeyFile(dir, (file) => {
      slotOf(file, 'password').kdf.salt = Buffer.alloc(4).toString('base64');
    });
    await expect(() => unlockVault(dir, { password: TEST_PASSWORD })).toThrowCode('VAULT_KDF_DOWNGRADE');
  });
});

describe('an attacker rewrites the password slot to HKDF (no stretching, as hardware-key slots use)', () => {
  it('refuses it with VAULT_KDF_DOWNGRADE before deriving anything', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    editKeyFile(dir, (file) => {
      const slot = file.slots.find((s) => s.kind === 'password');
      if (slot) slot.kdf = { name: 'hkdf-sha256', salt: slot.kdf.salt, info: 'coffer/vault-unlock/v1' };
    });
    await expect(() => unlockVault(dir, { password: TEST_PASSWORD })).toThrowCode('VAULT_KDF_DOWNGRADE');
  });
});

describe('an attacker edits the iterations of a slot the user does not unlock with', () => {
  it('is detected through the slot MAC with VAULT_KEYSLOT_TAMPERED', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    editKeyFile(dir, (file) => {
      slotOf(file, 'recovery').kdf.iterations += 1;
    });
    await expect(() => unlockVault(dir, { password: TEST_PASSWORD })).toThrowCode('VAULT_KEYSLOT_TAMPERED');
  });
});
