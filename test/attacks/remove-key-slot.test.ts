import { describe, expect, it } from 'vitest';
import { unlockVault } from '../../src/vault/index.js';
import { editKeyFile } from '../support/keyFileEdit.js';
import { makeTestVault, TEST_PASSWORD } from '../support/testVault.js';

describe('an attacker removes the recovery slot', () => {
  it('is reported with VAULT_KEYSLOT_REMOVED after unlock', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    editKeyFile(dir, (file) => {
      file.slots = file.slots.filter((slot) => slot.kind !== 'recovery');
    });
    await expect(() => unlockVault(dir, { password: TEST_PASSWORD })).toThrowCode('VAULT_KEYSLOT_REMOVED');
  });

  it('and also its id from the slot list: refused with VAULT_KEYSLOT_LIST_TAMPERED', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    editKeyFile(dir, (file) => {
      const removed = file.slots.find((slot) => slot.kind === 'recovery');
      file.slots = file.slots.filter((slot) => slot !== removed);
      file.slotIds = file.slotIds.filter((id) => id !== removed?.id);
    });
    await expect(() => unlockVault(dir, { password: TEST_PASSWORD })).toThrowCode('VAULT_KEYSLOT_LIST_TAMPERED');
  });

  it('or adds a slot of their own: refused with VAULT_KEYSLOT_LIST_TAMPERED', async () => {
    const { dir, vault } = await makeTestVault();
    const { dir: otherDir, vault: other } = await makeTestVault('attacker knows this password');
    vault.lock();
    other.lock();
    let planted = '';
    editKeyFile(otherDir, (file) => {
      planted = JSON.stringify(file.slots.find((slot) => slot.kind === 'password'));
    });
    editKeyFile(dir, (file) => {
      file.slots.push({ ...JSON.parse(planted), id: 'password-feedf00d' });
    });
    await expect(() => unlockVault(dir, { password: TEST_PASSWORD })).toThrowCode('VAULT_KEYSLOT_LIST_TAMPERED');
  });
});
