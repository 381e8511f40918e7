import { readFileSync, truncateSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unlockVault, vaultPaths } from '../../src/vault/index.js';
import { makeTestVault, TEST_PASSWORD } from '../support/testVault.js';

describe('when vault.db is emptied (truncated to 0 bytes)', () => {
  it('reports a damaged database with VAULT_DB_DAMAGED, not another vault, and writes nothing into it', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    truncateSync(vaultPaths(dir).db, 0);
    const failure = unlockVault(dir, { password: TEST_PASSWORD });
    await expect(failure).toThrowCode('VAULT_DB_DAMAGED');
    await expect(failure).rejects.toThrow(/empty/);
    expect(readFileSync(vaultPaths(dir).db).length).toBe(0);
  });
});
