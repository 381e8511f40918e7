import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, chownSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unlockVault } from '../../src/vault/index.js';
import { tempDir } from '../support/tempDir.js';
import { makeTestVault, OTHER_PASSWORD, TEST_PASSWORD } from '../support/testVault.js';

const REPO = resolve(import.meta.dirname, '..', '..');
const CHILD = join(REPO, 'test', 'support', 'fsFailureChild.ts');
const WRONG = 'a wrong but long enough guess';
type Outcome = { ok: true } | { code: string; message: string };

/**
 * Real failures need a real file system that refuses: as root, a tiny tmpfs in a private mount namespace
 * (unshare -m), filled up or remounted read-only. chmod does not stop root, so a non-root run uses a 0500
 * folder for read-only instead, and cannot fill a disk safely: that part is skipped there, with a reason.
 */
function canMountTmpfs(): boolean {
  const probe = tempDir();
  return spawnSync('unshare', ['-m', '--', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$1"', 'sh', probe]).status === 0;
}
const isRoot = process.getuid?.() === 0;
const tmpfs = canMountTmpfs();
if (!tmpfs) console.info(`full-or-read-only-disk: no private tmpfs here (unshare -m and mount need CAP_SYS_ADMIN)${isRoot ? '; as root chmod cannot make a folder read-only, so these tests are skipped' : '; the read-only case uses chmod 0500, the disk-full case is skipped'}`);

const NOBODY = 65534;
// Asynchronous, so the test worker keeps answering vitest while a child runs (a blocked worker misses its RPC).
const run = promisify(execFile);
const canDropToNobody = isRoot && spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']).status === 0;

/** Runs the child as user `nobody` (setpriv), so that a 0500 folder really stops its writes. */
async function childAsNobody(...args: string[]): Promise<Outcome> {
  const { stdout } = await run('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx/esm', CHILD, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim()) as Outcome;
}

/** Runs `steps` (bash lines that may call `child …`) in a private mount namespace over a 4 MiB tmpfs at $MNT. */
async function inPrivateTmpfs(steps: string[]): Promise<Outcome[]> {
  const script = [
    'set -u',
    'child() { node --import tsx/esm "$CHILD" "$@"; }',
    'mount -t tmpfs -o size=4m,mode=0700 tmpfs "$MNT"',
    ...steps,
  ].join('\n');
  const { stdout } = await run('unshare', ['-m', '--', 'bash', '-c', script], {
    cwd: REPO,
    env: { ...process.env, MNT: tempDir(), CHILD, PW: TEST_PASSWORD, NEW: OTHER_PASSWORD, WRONG },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return stdout.trim().split('\n').map((line) => JSON.parse(line) as Outcome);
}

const codeOf = (outcome: Outcome | undefined) => (outcome && 'code' in outcome ? outcome.code : 'ok');

describe('when the vault folder is read-only', () => {
  it.skipIf(!tmpfs)('answers a wrong guess with VAULT_WRONG_PASSWORD saying it was not counted, and the right one with VAULT_IO', async () => {
    const [created, wrong, right] = await inPrivateTmpfs([
      'child create "$MNT/vault" "$PW"',
      'mount -o remount,ro "$MNT"',
      'child unlock "$MNT/vault" "$WRONG"',
      'child unlock "$MNT/vault" "$PW"',
    ]);
    expect(codeOf(created)).toBe('ok');
    expect(codeOf(wrong)).toBe('VAULT_WRONG_PASSWORD');
    expect(wrong && 'message' in wrong ? wrong.message : '').toMatch(/could not be recorded .*EROFS/);
    expect(codeOf(right)).toBe('VAULT_IO');
  }, 180_000);

  it.skipIf(!canDropToNobody)('does the same for a 0500 folder, run as user nobody (chmod does not stop root)', async () => {
    const base = tempDir();
    chmodSync(base, 0o711);
    const home = join(base, 'nobody');
    mkdirSync(home, { mode: 0o700 });
    chownSync(home, NOBODY, NOBODY);
    const dir = join(home, 'vault');
    expect(codeOf(await childAsNobody('create', dir, TEST_PASSWORD))).toBe('ok');
    chmodSync(dir, 0o500);
    const wrong = await childAsNobody('unlock', dir, WRONG);
    expect(codeOf(wrong)).toBe('VAULT_WRONG_PASSWORD');
    expect('message' in wrong ? wrong.message : '').toMatch(/could not be recorded .*EACCES/);
    expect(codeOf(await childAsNobody('unlock', dir, TEST_PASSWORD))).toBe('VAULT_IO');
  }, 120_000);

  it.skipIf(tmpfs || isRoot)('does the same for a 0500 folder when not root', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    chmodSync(dir, 0o500);
    try {
      const wrong = unlockVault(dir, { password: WRONG });
      await expect(wrong).toThrowCode('VAULT_WRONG_PASSWORD');
      await expect(wrong).rejects.toThrow(/could not be recorded/);
      await expect(() => unlockVault(dir, { password: TEST_PASSWORD })).toThrowCode('VAULT_IO');
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});

describe('when the disk under the vault is full', () => {
  it.skipIf(!tmpfs)('answers every write with VAULT_IO, a wrong guess still with VAULT_WRONG_PASSWORD, and the vault opens once there is room', async () => {
    const outcomes = await inPrivateTmpfs([
      'child create "$MNT/vault" "$PW"',
      'child fill-then "$MNT/filler" transact "$MNT/vault" "$PW"; rm -f "$MNT/filler"',
      'child fill-then "$MNT/filler" passwd "$MNT/vault" "$PW" "$NEW"; rm -f "$MNT/filler"',
      'child fill-then "$MNT/filler" rekey "$MNT/vault" "$PW"; rm -f "$MNT/filler"',
      'dd if=/dev/zero of="$MNT/filler" bs=64k 2>/dev/null || true',
      'child unlock "$MNT/vault" "$WRONG"',
      'child unlock "$MNT/vault" "$PW"',
      'rm -f "$MNT/filler"',
      'child unlock "$MNT/vault" "$PW"',
    ]);
    expect(outcomes.map(codeOf)).toEqual(['ok', 'VAULT_IO', 'VAULT_IO', 'VAULT_IO', 'VAULT_WRONG_PASSWORD', 'VAULT_IO', 'ok']);
    const wrong = outcomes[4];
    expect(wrong && 'message' in wrong ? wrong.message : '').toMatch(/could not be recorded .*ENOSPC/);
  }, 180_000);
});

