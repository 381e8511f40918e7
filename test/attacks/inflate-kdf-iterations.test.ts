import { describe, expect, it } from 'vitest';
import { createVault, PBKDF2_MAX_ITERATIONS, unlockVault } from '../../src/vault/index.js';
import { editKeyFile, slotOf } from '../support/keyFileEdit.js';
import { tempDir } from '../support/tempDir.js';
import { makeTestVault, TEST_PASSWORD } from '../support/testVault.js';

describe('when vault.keys asks for an absurd PBKDF2 iteration count (to hang or crash unlock)', () => {
  for (const iterations of [2e9, 1e11, 10_000_001]) {
    it(`refuses ${iterations.toLocaleString('en')} iterations with VAULT_KDF_TOO_EXPENSIVE before deriving anything`, async () => {
      const { dir, vault } = await makeTestVault();
      vault.lock();
      editKeyFile(dir, (file) => {
        slotOf(file, 'password').kdf.iterations = iterations;
      });
      const started = performance.now();
      await expect(() => unlockVault(dir, { password: TEST_PASSWORD })).toThrowCode('VAULT_KDF_TOO_EXPENSIVE');
      expect(performance.now() - started).toBeLessThan(5_000);
    }, 20_000);
  }

  it('never creates a slot above the ceiling either', async () => {
    await expect(() => createVault(`${tempDir()}/vault`, TEST_PASSWORD, { iterations: PBKDF2_MAX_ITERATIONS * 2 })).toThrowCode(
      'VAULT_KDF_TOO_EXPENSIVE',
    );
  });
});
