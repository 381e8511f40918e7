import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTestVault } from '../support/testVault.js';

const COFFER = resolve(import.meta.dirname, '..', '..', 'bin', 'coffer');

describe('when --password-file names an endless device (/dev/zero)', () => {
  it('stops reading at 64 KiB and refuses it with CLI_BAD_SECRET_FILE in one line', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    const started = performance.now();
    const run = spawnSync(COFFER, ['unlock', '--vault', dir, '--password-file', '/dev/zero'], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^coffer: the password file \/dev\/zero .*\[CLI_BAD_SECRET_FILE\]\n$/);
    expect(performance.now() - started).toBeLessThan(15_000);
  }, 60_000);
});
