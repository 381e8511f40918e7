import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tempDir.js';
import { makeTestVault, TEST_PASSWORD } from '../support/testVault.js';

const COFFER = resolve(import.meta.dirname, '..', '..', 'bin', 'coffer');

function unlockWith(dir: string, file: string) {
  return spawnSync(COFFER, ['unlock', '--vault', dir, '--password-file', file], { encoding: 'utf8', timeout: 30_000 });
}

describe('when the password file can be read by other users', () => {
  it('refuses a 0644 file with CLI_BAD_SECRET_FILE and says to chmod 600 it', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    const file = join(tempDir(), 'password.txt');
    writeFileSync(file, `${TEST_PASSWORD}\n`);
    chmodSync(file, 0o644);
    const run = unlockWith(dir, file);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`coffer: the password file ${file} can be read by other users (mode 0644): run chmod 600 ${file} [CLI_BAD_SECRET_FILE]\n`);
    expect(run.stderr).not.toContain(TEST_PASSWORD);
  }, 60_000);

  it('accepts the same file once it is 0600', async () => {
    const { dir, vault } = await makeTestVault();
    const vaultId = vault.vaultId;
    vault.lock();
    const file = join(tempDir(), 'password.txt');
    writeFileSync(file, `${TEST_PASSWORD}\n`, { mode: 0o600 });
    const run = unlockWith(dir, file);
    expect(run.stdout.trim()).toBe(vaultId);
  }, 60_000);
});
