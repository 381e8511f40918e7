import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/testVault.js';
import { lastLineAfter, startCrashChild } from './crashChildProcess.js';
import { ROWS_PER_BATCH, WRITE_LOOP_ROWS } from './crashRows.js';
import { crashIterations, crashSchedule, timeoutFor } from './crashSchedule.js';
import { clearCrashRows, dataKeyHexFor, hotJournalBytes, inspectWithDataKey, leftoversIn, makeCrashVault } from './vaultChecks.js';

const ITERATIONS = crashIterations();

describe('when a 10,000-row write loop is killed with SIGKILL at random instants', () => {
  it(`opens and keeps every committed batch whole, and nothing of a batch that did not commit (${ITERATIONS} kills)`, async () => {
    const schedule = crashSchedule('write-loop');
    const { dir, keyHex } = await makeCrashVault(TEST_PASSWORD, 0);
    const expectAfterUnlock = async (committed: number, context: string) => {
      expect(await dataKeyHexFor(dir, { password: TEST_PASSWORD }, context), context).toBe(keyHex);
      const found = inspectWithDataKey(dir, keyHex);
      expect(found.integrity, context).toBe('ok');
      // Every batch whose COMMIT returned, plus at most the one that committed before it could be printed.
      expect(found.rows, context).toEqual({ count: expect.any(Number), contiguousAndIntact: true });
      const { count } = found.rows as { count: number };
      expect([committed, Math.min(committed + ROWS_PER_BATCH, WRITE_LOOP_ROWS)], context).toContain(count);
      expect(leftoversIn(dir), context).toEqual([]);
      clearCrashRows(dir, keyHex);
      return count;
    };

    // An uninterrupted run first, so the kills spread over the time the loop takes on this machine.
    const whole = await startCrashChild('write-loop', [dir, TEST_PASSWORD]);
    const finished = await whole.exited;
    let loopMs = Math.ceil(whole.msFromReadyTo((line) => line === 'done') ?? 0);
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.lines.slice(-2)).toEqual([`committed ${WRITE_LOOP_ROWS}`, 'done']);
    await expectAfterUnlock(WRITE_LOOP_ROWS, 'uninterrupted run');

    let unprintedCommits = 0;
    let finishedBeforeKill = 0;
    let insideTransaction = 0;
    for (let kill = 1; kill <= ITERATIONS; kill++) {
      const child = await startCrashChild('write-loop', [dir, TEST_PASSWORD]);
      const delayMs = schedule.delayMs(loopMs);
      await sleep(delayMs);
      const { signal, code, lines } = await child.kill();
      const committed = Number(lastLineAfter(lines, 'committed ') ?? '0');
      const context = `seed ${schedule.seed}, kill ${kill}, ${delayMs} of ${loopMs} ms after ready, last committed ${committed}`;
      if (signal === null) {
        // The loop was faster this time and ended on its own before the kill.
        expect({ code, last: lines.at(-1) }, context).toEqual({ code: 0, last: 'done' });
        finishedBeforeKill++;
      } else {
        expect(signal, context).toBe('SIGKILL');
      }
      // Each run refines the estimate of the loop's length (the machine's load changes during the test).
      const lastCommitMs = child.msFromReadyTo((line) => line === `committed ${committed}`);
      if (lastCommitMs !== undefined && committed >= WRITE_LOOP_ROWS / 10) {
        loopMs = Math.ceil((loopMs + (lastCommitMs * WRITE_LOOP_ROWS) / committed) / 2);
      }
      if (hotJournalBytes(dir) > 0) insideTransaction++;
      if ((await expectAfterUnlock(committed, context)) !== committed) unprintedCommits++;
    }
    console.log(
      `[crash] write-loop: ${ITERATIONS} kills over a ${loopMs} ms loop, ${unprintedCommits} after a commit not yet printed, ` +
        `${insideTransaction} inside a transaction (hot journal), ${finishedBeforeKill} after the loop had ended`,
    );
  }, timeoutFor(ITERATIONS, 15_000));
});
