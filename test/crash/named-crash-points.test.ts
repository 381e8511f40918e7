import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVault, vaultPaths } from '../../src/vault/index.js';
import { openAsPlainSqlCipher4 } from '../support/sqlcipher.js';
import { tempDir } from '../support/tempDir.js';
import { TEST_KDF, TEST_PASSWORD } from '../support/testVault.js';
import { CrashChild } from './crashChildProcess.js';
import {
  leftoversIn,
  dataKeyHexFor,
  inspectWithDataKey,
  makeCrashVault,
  opensWith,
  slotIdsOnDisk,
  unlockForTest,
} from './vaultChecks.js';

const KEPT_ROWS = 300;

/** Runs a child with COFFER_TEST_CRASH_AT and ensures it died at that point, not by finishing or failing. */
async function crashAt(point: string, mode: 'init' | 'rekey-loop', args: string[]) {
  const { signal, lines, stderr } = await new CrashChild(mode, args, point).exited;
  expect(signal, `child should have been killed at ${point}; stderr: ${stderr}`).toBe('SIGKILL');
  expect(lines).toEqual(['ready']);
}

function initDatabasesIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('vault.db.init-'));
}

describe('when init is killed after building its database but before writing vault.keys', () => {
  it('leaves no vault (VAULT_NOT_FOUND), and init runs again and clears the half-built database', async () => {
    const dir = join(tempDir(), 'vault');
    await crashAt('init:after-db', 'init', [dir, TEST_PASSWORD]);
    expect(initDatabasesIn(dir)).toHaveLength(1);
    expect(existsSync(vaultPaths(dir).keys)).toBe(false);

    await expect(() => unlockForTest(dir, { password: TEST_PASSWORD })).toThrowCode('VAULT_NOT_FOUND');
    const { vault, recoveryCode } = await createVault(dir, TEST_PASSWORD, { ...TEST_KDF, autoLockMs: null });
    vault.lock();
    expect(leftoversIn(dir)).toEqual([]);
    expect(await opensWith(dir, { password: TEST_PASSWORD })).toBe(true);
    expect(await opensWith(dir, { recoveryCode })).toBe(true);
  });
});

describe('when init is killed after writing vault.keys but before renaming its database into place', () => {
  it('opens with the password, which finishes the init, and refuses a second init with VAULT_EXISTS', async () => {
    const dir = join(tempDir(), 'vault');
    await crashAt('init:after-keys', 'init', [dir, TEST_PASSWORD]);
    expect(initDatabasesIn(dir)).toHaveLength(1);
    expect(existsSync(vaultPaths(dir).db)).toBe(false);

    const vault = await unlockForTest(dir, { password: TEST_PASSWORD });
    const vaultId = vault.vaultId;
    vault.lock();
    expect(leftoversIn(dir)).toEqual([]);
    const keyHex = await dataKeyHexFor(dir, { password: TEST_PASSWORD });
    expect(inspectWithDataKey(dir, keyHex)).toEqual({ integrity: 'ok', rows: 'no crash_rows table' });
    const plain = openAsPlainSqlCipher4(vaultPaths(dir).db, keyHex);
    expect(plain.prepare("SELECT value FROM vault_meta WHERE key = 'vault_id'").get()).toEqual({ value: vaultId });
    plain.close();
    await expect(() => createVault(dir, TEST_PASSWORD, TEST_KDF)).toThrowCode('VAULT_EXISTS');
  });
});

describe('when rekey is killed after writing the pending slots, before PRAGMA rekey', () => {
  it('opens with the password under the old data key, drops the pending slots, and keeps the old recovery code', async () => {
    const { dir, recoveryCode, keyHex } = await makeCrashVault(TEST_PASSWORD, KEPT_ROWS);
    const before = slotIdsOnDisk(dir);
    await crashAt('rekey:after-pending', 'rekey-loop', [dir, TEST_PASSWORD]);
    const crashed = slotIdsOnDisk(dir);
    expect(crashed.active).toEqual(before.active);
    expect(crashed.pending).toHaveLength(2);

    expect(await dataKeyHexFor(dir, { password: TEST_PASSWORD })).toBe(keyHex);
    expect(slotIdsOnDisk(dir)).toEqual({ active: before.active, pending: [] });
    expect(await opensWith(dir, { recoveryCode })).toBe(true);
    expect(inspectWithDataKey(dir, keyHex)).toEqual({ integrity: 'ok', rows: { count: KEPT_ROWS, contiguousAndIntact: true } });
    expect(leftoversIn(dir)).toEqual([]);
  });
});

describe('when rekey is killed after PRAGMA rekey, before promoting the pending slots', () => {
  it('opens with the password under the new data key and promotes the pending slots', async () => {
    const { dir, keyHex } = await makeCrashVault(TEST_PASSWORD, KEPT_ROWS);
    await crashAt('rekey:after-pragma', 'rekey-loop', [dir, TEST_PASSWORD]);
    const crashed = slotIdsOnDisk(dir);
    expect(crashed.pending).toHaveLength(2);
    // Ensure the crash really came after the rekey: the old key no longer opens the file.
    expect(() => inspectWithDataKey(dir, keyHex)).toThrow(/not a database/);

    const newKeyHex = await dataKeyHexFor(dir, { password: TEST_PASSWORD });
    expect(newKeyHex).not.toBe(keyHex);
    expect(slotIdsOnDisk(dir)).toEqual({ active: crashed.pending, pending: [] });
    expect(inspectWithDataKey(dir, newKeyHex)).toEqual({ integrity: 'ok', rows: { count: KEPT_ROWS, contiguousAndIntact: true } });
    expect(leftoversIn(dir)).toEqual([]);
  });
});

describe('when rekey is killed after promoting the pending slots, before returning', () => {
  it('opens with the password under the new data key with every row', async () => {
    const { dir, keyHex } = await makeCrashVault(TEST_PASSWORD, KEPT_ROWS);
    const before = slotIdsOnDisk(dir);
    await crashAt('rekey:after-promote', 'rekey-loop', [dir, TEST_PASSWORD]);
    const crashed = slotIdsOnDisk(dir);
    expect(crashed.pending).toEqual([]);
    expect(crashed.active).not.toEqual(before.active);

    const newKeyHex = await dataKeyHexFor(dir, { password: TEST_PASSWORD });
    expect(newKeyHex).not.toBe(keyHex);
    expect(slotIdsOnDisk(dir)).toEqual(crashed);
    expect(inspectWithDataKey(dir, newKeyHex)).toEqual({ integrity: 'ok', rows: { count: KEPT_ROWS, contiguousAndIntact: true } });
    expect(leftoversIn(dir)).toEqual([]);
  });
});
