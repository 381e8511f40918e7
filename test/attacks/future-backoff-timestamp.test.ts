import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_DELAY_SECONDS, readBackoff, unlockVault, vaultPaths } from '../../src/vault/index.js';
import { makeTestVault, TEST_PASSWORD } from '../support/testVault.js';

function waitSeconds(error: unknown): number {
  const match = /wait (\d+) s/.exec(String((error as Error).message));
  if (!match?.[1]) throw new Error(`expected "wait N s" in the back-off message, found: ${String((error as Error).message)}`);
  return Number(match[1]);
}

describe('when vault.backoff dates its last failure in the future', () => {
  it('never asks for a wait longer than the cap with VAULT_BACKOFF, and the wait runs out', async () => {
    const { dir, vault } = await makeTestVault();
    vault.lock();
    const path = vaultPaths(dir).backoff;
    writeFileSync(path, JSON.stringify({ failures: 20, lastFailureAt: '9999-12-31T23:59:59.999Z', attempts: [] }));

    const refused = await unlockVault(dir, { password: TEST_PASSWORD }).catch((error: unknown) => error);
    await expect(Promise.reject(refused)).toThrowCode('VAULT_BACKOFF');
    expect(waitSeconds(refused)).toBeLessThanOrEqual(MAX_DELAY_SECONDS);
    expect(String((refused as Error).message)).toMatch(/in the future/);

    // The clamp is written back: the time is now "now", so it ages like any other failure.
    const stored = readBackoff(path);
    expect(Date.parse(stored.lastFailureAt ?? '')).toBeLessThanOrEqual(Date.now());
    const aged = new Date(Date.now() - (MAX_DELAY_SECONDS + 1) * 1000).toISOString();
    writeFileSync(path, JSON.stringify({ ...stored, lastFailureAt: aged }));
    (await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null })).lock();
  });
});
