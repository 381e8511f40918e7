import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBackoff, unlockVault, vaultPaths } from '../../src/vault/index.js';
import { makeTestVault, TEST_PASSWORD } from '../support/testVault.js';

// The owner (or anything that can write the vault folder) leaves a vault.backoff that is not a counter.
const DAMAGED: Record<string, string> = {
  'an empty file': '',
  'garbage bytes': '\u0000\u00ff not json at all \u{1F4A5}',
  'a foreign JSON document': JSON.stringify({ format: 'coffer-vault-keys/v1', slots: [], failures: 'many' }),
};

describe('when vault.backoff is damaged', () => {
  for (const [what, contents] of Object.entries(DAMAGED)) {
    it(`lets the right password in when the file is ${what}, and says the counter was reset`, async () => {
      const { dir, vault } = await makeTestVault();
      vault.lock();
      writeFileSync(vaultPaths(dir).backoff, contents);
      const unlocked = await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null });
      expect(unlocked.notices.join('\n')).toMatch(/vault\.backoff was damaged .*reset/);
      unlocked.lock();
    });

    it(`counts the file that is ${what} as one failure, rewrites it, and answers a wrong guess with VAULT_WRONG_PASSWORD`, async () => {
      const { dir, vault } = await makeTestVault();
      vault.lock();
      const path = vaultPaths(dir).backoff;
      writeFileSync(path, contents);
      const guess = unlockVault(dir, { password: 'not the password, but long' });
      await expect(guess).toThrowCode('VAULT_WRONG_PASSWORD');
      await expect(guess).rejects.toThrow(/vault\.backoff was damaged/);
      // One failure for the damaged file, one for the guess; the file is a valid counter again.
      expect(readBackoff(path).failures).toBe(2);
      expect(() => JSON.parse(readFileSync(path, 'utf8')) as unknown).not.toThrow();
    });
  }
});
