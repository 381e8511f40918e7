import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createVault, vaultPaths } from '../../src/vault/index.js';
import { tempDir } from '../support/tempDir.js';
import { TEST_KDF, TEST_PASSWORD } from '../support/testVault.js';
import { lastLineAfter, startCrashChild } from './crashChildProcess.js';
import { crashIterations, crashSchedule, timeoutFor } from './crashSchedule.js';
import { dataKeyHexOf, inspectWithDataKey, leftoversIn, opensWith, unlockForTest } from './vaultChecks.js';
import { CofferError } from '../../src/contract/index.js';

const ITERATIONS = crashIterations();

function freshVaultDir(): string {
  return join(tempDir(), 'vault');
}

describe('when init is killed with SIGKILL at random instants', () => {
  it(`leaves no vault, and init runs again, or a whole vault that opens with the password (${ITERATIONS} kills)`, async () => {
    const schedule = crashSchedule('init');
    // An uninterrupted init first, so the kills spread over the time init takes on this machine (half as
    // long again, so that some land after it); every init that finishes before its kill refines the time.
    const wholeDir = freshVaultDir();
    const whole = await startCrashChild('init', [wholeDir, TEST_PASSWORD]);
    const finished = await whole.exited;
    const isCreated = (line: string) => line.startsWith('created ');
    let initMs = Math.ceil(whole.msFromReadyTo(isCreated) ?? 0);
    expect(finished.code, finished.stderr).toBe(0);
    const wholeCode = lastLineAfter(finished.lines, 'created ');
    expect(wholeCode).toBeDefined();
    expect(await opensWith(wholeDir, { recoveryCode: wholeCode ?? '' })).toBe(true);

    const counts = { noVault: 0, finishedByUnlock: 0, whole: 0 };
    for (let kill = 1; kill <= ITERATIONS; kill++) {
      const dir = freshVaultDir();
      const child = await startCrashChild('init', [dir, TEST_PASSWORD]);
      const delayMs = schedule.delayMs(Math.ceil(initMs * 1.5));
      await sleep(delayMs);
      const { signal, code, lines } = await child.kill();
      const context = `seed ${schedule.seed}, kill ${kill}, ${delayMs} ms after ready (init takes ~${initMs} ms), child printed ${lines.length} lines`;
      if (signal === null) expect(code, context).toBe(0);
      const recoveryCode = lastLineAfter(lines, 'created ');
      if (recoveryCode !== undefined) initMs = Math.ceil((initMs + (child.msFromReadyTo(isCreated) ?? initMs)) / 2);
      const paths = vaultPaths(dir);
      const keysWithoutDb = existsSync(paths.keys) && !existsSync(paths.db);

      let opened;
      try {
        opened = await unlockForTest(dir, { password: TEST_PASSWORD }, context);
      } catch (error) {
        if (!(error instanceof CofferError) || error.code !== 'VAULT_NOT_FOUND') throw error;
        // No vault: init must be able to run again in the same folder, over whatever the crash left.
        expect(recoveryCode, context).toBeUndefined();
        counts.noVault++;
        const again = await createVault(dir, TEST_PASSWORD, { ...TEST_KDF, autoLockMs: null });
        again.vault.lock();
        expect(await opensWith(dir, { recoveryCode: again.recoveryCode }), context).toBe(true);
        expect(leftoversIn(dir), context).toEqual([]);
        continue;
      }
      counts[keysWithoutDb ? 'finishedByUnlock' : 'whole']++;
      const keyHex = dataKeyHexOf(opened);
      opened.lock();
      expect(inspectWithDataKey(dir, keyHex), context).toEqual({ integrity: 'ok', rows: 'no crash_rows table' });
      if (recoveryCode !== undefined) expect(await opensWith(dir, { recoveryCode }), context).toBe(true);
      await expect(() => createVault(dir, TEST_PASSWORD, TEST_KDF)).toThrowCode('VAULT_EXISTS');
      expect(leftoversIn(dir), context).toEqual([]);
    }
    console.log(`[crash] init: ${ITERATIONS} kills, init took ~${initMs} ms: ${JSON.stringify(counts)}`);
  }, timeoutFor(ITERATIONS, 12_000));
});
