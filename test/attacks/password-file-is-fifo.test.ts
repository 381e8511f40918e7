import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tempDir.js';
import { makeTestVault } from '../support/testVault.js';

const COFFER = resolve(import.meta.dirname, '..', '..', 'bin', 'coffer');

describe('when --password-file names a FIFO nobody writes to', () => {
  it('refuses it at once with CLI_BAD_SECRET_FILE instead of hanging', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    const fifo = join(tempDir(), 'password.fifo');
    expect(spawnSync('mkfifo', ['-m', '600', fifo]).status).toBe(0);
    const run = spawnSync(COFFER, ['unlock', '--vault', dir, '--password-file', fifo], { encoding: 'utf8', timeout: 20_000 });
    expect(run.error, 'coffer hung on the FIFO').toBeUndefined();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/is a FIFO, not a regular file \[CLI_BAD_SECRET_FILE\]\n$/);
  }, 60_000);
});
