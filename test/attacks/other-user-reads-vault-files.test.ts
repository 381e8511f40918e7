import { chmodSync, chownSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault, unlockVault, vaultPaths } from '../../src/vault/index.js';
import { tempDir } from '../support/tempDir.js';
import { makeTestVault, TEST_KDF, TEST_PASSWORD } from '../support/testVault.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

// A umask of 0 makes every file whose mode Coffer leaves to the system readable and writable by all.
let savedUmask = 0;
beforeEach(() => {
  savedUmask = process.umask(0);
});
afterEach(() => {
  process.umask(savedUmask);
});

describe('when another local user tries to read the vault files', () => {
  it('finds the folder 0700 and vault.db, its rollback journal and vault.keys 0600, whatever the umask', async () => {
    const { dir, vault } = await makeTestVault();
    const paths = vaultPaths(dir);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(paths.db)).toBe(0o600);
    expect(modeOf(paths.keys)).toBe(0o600);
    // SQLite gives its journal the database file's mode; catch the journal while a transaction holds it.
    const db = vault.db;
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('probe', ?, 'now')").run('x'.repeat(10_000));
    expect(modeOf(`${paths.db}-journal`)).toBe(0o600);
    db.exec('COMMIT');
    vault.lock();
  });

  it('finds an existing empty folder that init used tightened to 0700', async () => {
    const dir = join(tempDir(), 'vault');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    (await createVault(dir, TEST_PASSWORD, { ...TEST_KDF, autoLockMs: null })).vault.lock();
    expect(modeOf(dir)).toBe(0o700);
  });
});

describe('when init is pointed at a folder others can write', () => {
  it('refuses a 0777 folder with VAULT_UNSAFE_PERMISSIONS and leaves it as it was', async () => {
    const dir = join(tempDir(), 'shared');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    await expect(() => createVault(dir, TEST_PASSWORD, TEST_KDF)).toThrowCode('VAULT_UNSAFE_PERMISSIONS');
    expect(modeOf(dir)).toBe(0o777);
  });

  it.skipIf(!isRoot)('refuses a folder owned by another user with VAULT_UNSAFE_PERMISSIONS', async () => {
    const dir = join(tempDir(), 'theirs');
    mkdirSync(dir, { mode: 0o700 });
    chownSync(dir, NOBODY, NOBODY);
    await expect(() => createVault(dir, TEST_PASSWORD, TEST_KDF)).toThrowCode('VAULT_UNSAFE_PERMISSIONS');
    expect(statSync(dir).uid).toBe(NOBODY);
  });
  if (!isRoot) console.info('skipped: a folder owned by another user can only be made by root here');
});

describe('when a vault folder or its files became readable by others', () => {
  it('unlock sets them back to 0700 and 0600, says so, and records it in the audit log', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    const paths = vaultPaths(dir);
    chmodSync(dir, 0o755);
    chmodSync(paths.db, 0o644);
    chmodSync(paths.keys, 0o666);
    const unlocked = await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null });
    expect([modeOf(dir), modeOf(paths.db), modeOf(paths.keys)]).toEqual([0o700, 0o600, 0o600]);
    expect(unlocked.notices.join('\n')).toMatch(/readable by others/);
    const actions = unlocked.db.prepare('SELECT data FROM audit_entries ORDER BY seq').pluck().all() as Buffer[];
    expect(actions.some((entry) => entry.toString('utf8').includes('vault.permissions.tightened'))).toBe(true);
    unlocked.lock();
  });

  it.skipIf(!isRoot)('unlock refuses a vault file owned by another user with VAULT_UNSAFE_PERMISSIONS', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    chownSync(vaultPaths(dir).keys, NOBODY, NOBODY);
    await expect(() => unlockVault(dir, { password: TEST_PASSWORD })).toThrowCode('VAULT_UNSAFE_PERMISSIONS');
  });

  it('a wrong password changes no mode: nothing but the counter is written before the secret is proven', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    chmodSync(vaultPaths(dir).db, 0o644);
    writeFileSync(join(dir, 'note.txt'), 'x');
    await expect(() => unlockVault(dir, { password: 'a wrong but long guess' })).toThrowCode('VAULT_WRONG_PASSWORD');
    expect(modeOf(vaultPaths(dir).db)).toBe(0o644);
  });
});
