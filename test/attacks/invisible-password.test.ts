import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changePassword, createVault } from '../../src/vault/index.js';
import { tempDir } from '../support/tempDir.js';
import { makeTestVault, TEST_KDF } from '../support/testVault.js';

// Passwords that look long enough to a length rule but are (nearly) nothing to a guesser or the eye.
const INVISIBLE: Record<string, string> = {
  'twelve spaces': ' '.repeat(12),
  'twelve zero-width spaces': '\u200b'.repeat(12),
  'tabs and no-break spaces': '\t\u00a0'.repeat(6),
  'a word padded with zero-width joiners': `pass\u200dword\u200d${'\u200c'.repeat(6)}`,
  'a right-to-left override that shows it backwards': '\u202eenots-yrettab-esroh-tcerroc',
  'Hangul fillers, which render as blanks': '\u3164'.repeat(12),
  'a broken surrogate pair': `correct horse battery ${'\ud800'}x`,
};

describe('when a new password is invisible, blank or hides formatting characters', () => {
  for (const [what, password] of Object.entries(INVISIBLE)) {
    it(`refuses ${what} at init with VAULT_WEAK_PASSWORD and creates nothing`, async () => {
      const dir = join(tempDir(), 'vault');
      await expect(() => createVault(dir, password, TEST_KDF)).toThrowCode('VAULT_WEAK_PASSWORD');
    });
  }

  it('refuses it at passwd too, with a message in words that does not repeat the password', async () => {
    const { vault } = await makeTestVault();
    const failure = changePassword(vault, '\u200b'.repeat(12), TEST_KDF);
    await expect(failure).toThrowCode('VAULT_WEAK_PASSWORD');
    await expect(failure).rejects.toThrow(/invisible|formatting/);
    await expect(failure).rejects.not.toThrow(/\u200b/);
    vault.lock();
  });
});
