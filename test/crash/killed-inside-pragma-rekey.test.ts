import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vaultPaths } from '../../src/vault/index.js';
import { TEST_PASSWORD } from '../support/testVault.js';
import { startCrashChild } from './crashChildProcess.js';
import { waitWhileRunning } from './crashSchedule.js';
import { dataKeyHexOf, hotJournalBytes, inspectWithDataKey, leftoversIn, makeCrashVault, unlockForTest } from './vaultChecks.js';

// About 2.5 MB: the commit of PRAGMA rekey writes and syncs every page, which takes long enough to aim at.
const KEPT_ROWS = 10_000;
const MAX_ATTEMPTS = 10;
const PAGE_SIZE = 4096;
const SAMPLE_LENGTH = 16;

/** Where the kill aims: a page in the middle of the crash rows, which nothing but the rekey rewrites. */
function middlePageOffset(dir: string): number {
  return Math.floor(statSync(vaultPaths(dir).db).size / 2 / PAGE_SIZE) * PAGE_SIZE;
}

function bytesOnDisk(dir: string, offset: number): Buffer {
  const sample = Buffer.alloc(SAMPLE_LENGTH);
  const fd = openSync(vaultPaths(dir).db, 'r');
  try {
    readSync(fd, sample, 0, SAMPLE_LENGTH, offset);
  } finally {
    closeSync(fd);
  }
  return sample;
}

/**
 * The widest instant of a rekey: its commit has begun writing re-encrypted pages over the file, in page
 * order, while the rollback journal holding the old pages is still hot. The kill is aimed by watching a
 * page in the middle of the file change; the hot journal afterwards proves it landed in time.
 */
describe('when rekey is killed while PRAGMA rekey is writing its pages (hot journal, half the file rewritten)', () => {
  it('opens with the password under the old or the new data key, with every row', async () => {
    const { dir } = await makeCrashVault(TEST_PASSWORD, KEPT_ROWS);
    const offset = middlePageOffset(dir);
    let hotJournal = 0;
    let attempts = 0;
    while (hotJournal === 0 && attempts < MAX_ATTEMPTS) {
      attempts++;
      const before = bytesOnDisk(dir, offset);
      const child = await startCrashChild('rekey-loop', [dir, TEST_PASSWORD]);
      await waitWhileRunning(child, () => !bytesOnDisk(dir, offset).equals(before), `the page at ${offset} of vault.db to be rewritten`);
      const { signal } = await child.kill();
      expect(signal).toBe('SIGKILL');
      // A miss (the commit had finished) leaves a finished or abandonable rekey for the next child's unlock.
      hotJournal = hotJournalBytes(dir);
    }
    expect(hotJournal, `no kill landed inside the commit in ${attempts} attempts`).toBeGreaterThan(0);

    const context = `killed inside PRAGMA rekey on attempt ${attempts}, hot journal of ${hotJournal} bytes`;
    const vault = await unlockForTest(dir, { password: TEST_PASSWORD }, context);
    const openedKeyHex = dataKeyHexOf(vault);
    vault.lock();
    expect(inspectWithDataKey(dir, openedKeyHex)).toEqual({ integrity: 'ok', rows: { count: KEPT_ROWS, contiguousAndIntact: true } });
    expect(leftoversIn(dir)).toEqual([]);
  });
});
