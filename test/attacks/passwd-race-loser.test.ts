import { describe, expect, it } from 'vitest';
import { unlockVault } from '../../src/vault/index.js';
import { createSlot } from '../../src/vault/keySlot.js';
import { passwordBytes } from '../../src/vault/password.js';
import { makeTestVault, OTHER_PASSWORD, TEST_KDF, TEST_PASSWORD } from '../support/testVault.js';

describe('when another process changes the password while this one is unlocking', () => {
  it('tells the loser the key file changed under it with VAULT_KEYS_CHANGED, not that an old one was restored', async () => {
    const { dir, vault } = await makeTestVault();
    const dataKey = vault.withDataKey((key) => Buffer.from(key));
    const newSlot = await createSlot({ vaultId: vault.vaultId, kind: 'password', state: 'active', secret: passwordBytes(OTHER_PASSWORD), iterations: TEST_KDF.iterations, dataKey });

    // The loser reads vault.keys now and spends its KDF time; meanwhile the winner, which holds the vault,
    // writes the new slot (what `passwd` does on disk) and lets go.
    const loser = unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null });
    vault.rewriteKeySlots({ action: 'vault.passwd', target: newSlot.id }, (slots) => [...slots.filter((s) => s.kind !== 'password'), newSlot]);
    vault.lock();

    const failure = loser.catch((error: unknown) => error);
    await expect(Promise.reject(await failure)).toThrowCode('VAULT_KEYS_CHANGED');
    expect(String((await failure as Error).message)).toMatch(/another Coffer process/);
    // Trying again reads the new file: the old password is now simply wrong, the new one opens.
    await expect(() => unlockVault(dir, { password: TEST_PASSWORD })).toThrowCode('VAULT_WRONG_PASSWORD');
    (await unlockVault(dir, { password: OTHER_PASSWORD }, { autoLockMs: null })).lock();
  });
});
