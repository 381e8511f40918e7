import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVault, unlockVault } from '../../src/vault/index.js';
import { tempDir } from '../support/tempDir.js';
import { makeTestVault, TEST_KDF, TEST_PASSWORD } from '../support/testVault.js';

// Names that contain ".tmp-" but were never written by Coffer: a user's draft, a bank file.
const USER_FILES = ['thesis.tmp-final.docx', 'pay.tmp-1.xml', 'vault.keys.tmp-notours', 'vault.db.init-mine.sqlite'];

describe('when the vault folder holds files whose names look like temp files', () => {
  it('unlock leaves every one of them in place', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    for (const name of USER_FILES) writeFileSync(join(dir, name), `the user's own ${name}`);
    (await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null })).lock();
    for (const name of USER_FILES) expect(existsSync(join(dir, name)), name).toBe(true);
  });

  it('init refuses the folder with VAULT_DIR_NOT_EMPTY and deletes nothing', async () => {
    const dir = join(tempDir(), 'vault');
    mkdirSync(dir, { mode: 0o700 });
    for (const name of USER_FILES) writeFileSync(join(dir, name), `the user's own ${name}`);
    await expect(() => createVault(dir, TEST_PASSWORD, TEST_KDF)).toThrowCode('VAULT_DIR_NOT_EMPTY');
    expect(readdirSync(dir).sort()).toEqual([...USER_FILES].sort());
  });

  it('init still clears what a crashed Coffer left: its own temp key files and init databases', async () => {
    const dir = join(tempDir(), 'vault');
    mkdirSync(dir, { mode: 0o700 });
    const ours = ['vault.keys.tmp-0123456789ab', 'vault.backoff.tmp-ba9876543210', 'vault.db.init-00ff00ff00ff', 'vault.db.init-00ff00ff00ff-journal'];
    for (const name of ours) writeFileSync(join(dir, name), 'left by a crash');
    const { vault } = await createVault(dir, TEST_PASSWORD, { ...TEST_KDF, autoLockMs: null });
    vault.lock();
    expect(readdirSync(dir).sort()).toEqual(['vault.db', 'vault.keys']);
  });
});
