import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unlockVault, vaultPaths } from '../../src/vault/index.js';
import { makeTestVault, TEST_PASSWORD } from '../support/testVault.js';

describe('vault.keys is truncated or damaged', () => {
  for (const keep of [0, 1, 100, 0.5, 0.99]) {
    it(`refuses a file cut to ${keep < 1 ? `${keep * 100}%` : `${keep} bytes`} with VAULT_KEYS_CORRUPT`, async () => {
      const { dir, vault } = await makeTestVault();
      vault.lock();
      const path = vaultPaths(dir).keys;
      const bytes = readFileSync(path);
      writeFileSync(path, bytes.subarray(0, keep < 1 ? Math.floor(bytes.length * keep) : keep));
      await expect(() => unlockVault(dir, { password: TEST_PASSWORD })).toThrowCode('VAULT_KEYS_CORRUPT');
    });
  }

  it('refuses a file of the wrong format version with VAULT_KEYS_CORRUPT', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    const path = vaultPaths(dir).keys;
    writeFileSync(path, readFileSync(path, 'utf8').replace('coffer-vault-keys/v1', 'coffer-vault-keys/v0'));
    await expect(() => unlockVault(dir, { password: TEST_PASSWORD })).toThrowCode('VAULT_KEYS_CORRUPT');
  });
});
