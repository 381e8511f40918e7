import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_DELAY_SECONDS, readBackoff, unlockVault, vaultPaths } from '../../src/vault/index.js';
import { makeTestVault, TEST_PASSWORD } from '../support/testVault.js';

const longAgo = () => new Date(Date.now() - (MAX_DELAY_SECONDS + 1) * 1000).toISOString();

describe('when vault.backoff holds a huge failure count', () => {
  it('lets the right password in once the capped wait is over, for a count past the safe integers', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    writeFileSync(vaultPaths(dir).backoff, JSON.stringify({ failures: 1e300, lastFailureAt: longAgo(), attempts: [] }));
    (await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null })).lock();
  });

  it('keeps counting at the largest safe count: a wrong guess answers VAULT_WRONG_PASSWORD and the owner still gets in later', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    const path = vaultPaths(dir).backoff;
    writeFileSync(path, JSON.stringify({ failures: Number.MAX_SAFE_INTEGER, lastFailureAt: longAgo(), attempts: [] }));
    await expect(() => unlockVault(dir, { password: 'a wrong but long guess' })).toThrowCode('VAULT_WRONG_PASSWORD');
    const counted = readBackoff(path);
    expect(counted.failures).toBe(Number.MAX_SAFE_INTEGER);
    await expect(() => unlockVault(dir, { password: TEST_PASSWORD })).toThrowCode('VAULT_BACKOFF');
    writeFileSync(path, JSON.stringify({ ...counted, lastFailureAt: longAgo() }));
    (await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null })).lock();
  });
});
