import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { verifyVaultAudit } from '../../src/app/audit/verifyVaultAudit.js';
import { auditEntries } from '../fixtures/demo/demoVault.js';
import { TEST_PASSWORD } from '../support/testVault.js';
import { lastLineAfter, startCrashChild } from './crashChildProcess.js';
import { readCrashRows, ROWS_PER_BATCH } from './crashRows.js';
import { crashIterations, crashSchedule, timeoutFor } from './crashSchedule.js';
import { makeCrashVault, unlockForTest } from './vaultChecks.js';

const ITERATIONS = crashIterations();

describe('when a burst of audited writes is killed with SIGKILL at random instants', () => {
  it(
    `never leaves a change without its entry, nor a tree that disagrees with its entries (${ITERATIONS} kills)`,
    async () => {
      const schedule = crashSchedule('audited-write-loop');
      const { dir } = await makeCrashVault(TEST_PASSWORD, 0);
      let logSizeBefore = 0;
      for (let kill = 1; kill <= ITERATIONS; kill++) {
        const child = await startCrashChild('audited-write-loop', [dir, TEST_PASSWORD]);
        const delayMs = schedule.delayMs(1500);
        await sleep(delayMs);
        const { lines } = await child.kill();
        const committed = Number(lastLineAfter(lines, 'committed ') ?? '0');
        const context = `seed ${schedule.seed}, kill ${kill}, ${delayMs} ms after ready, last committed ${committed}`;

        const vault = await unlockForTest(dir, { password: TEST_PASSWORD }, context);
        try {
          // The whole log recomputes, every checkpoint verifies, and every stored tree node matches.
          const verified = await verifyVaultAudit(vault);
          expect(verified.size, context).toBe(vault.audit.size);
          const rows = readCrashRows(vault.db);
          const writes = auditEntries(vault).filter((entry) => entry.action === 'crash.write' && entry.seq >= logSizeBefore);
          // One entry per committed batch and one batch per entry: neither outlives the other.
          expect(writes.length * ROWS_PER_BATCH, context).toBe(rows.count);
          expect(rows.contiguousAndIntact, context).toBe(true);
          expect(rows.count, context).toBeGreaterThanOrEqual(committed);
          vault.db.exec('DELETE FROM crash_rows');
          logSizeBefore = vault.audit.size;
        } finally {
          vault.lock();
        }
      }
    },
    timeoutFor(ITERATIONS, 20_000),
  );
});
