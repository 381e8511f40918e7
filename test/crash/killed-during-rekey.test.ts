import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/testVault.js';
import { lastLineAfter, startCrashChild } from './crashChildProcess.js';
import { crashIterations, crashSchedule, timeoutFor, waitWhileRunning } from './crashSchedule.js';
import {
  dataKeyHexOf,
  hotJournalBytes,
  inspectWithDataKey,
  leftoversIn,
  makeCrashVault,
  opensWith,
  slotIdsOnDisk,
  unlockForTest,
} from './vaultChecks.js';

const ITERATIONS = crashIterations();
// Enough pages (about 2.5 MB) that PRAGMA rekey takes long enough for kills to land inside it.
const KEPT_ROWS = 10_000;
// One rekey costs three KDFs and then rewrites every page: a uniform kill lands within the first two.
const MAX_DELAY_MS = 2000;
// From the pending slots reaching disk to their promotion took 50–120 ms here: PRAGMA rekey is in there.
const PENDING_WINDOW_MS = 120;

type Outcome = 'noRekeyPending' | 'rolledBack' | 'rolledForward';

describe('when rekey is killed with SIGKILL at random instants', () => {
  it(`opens with the password, finishes or abandons the rekey, and keeps every row (${ITERATIONS} kills)`, async () => {
    const schedule = crashSchedule('rekey');
    const made = await makeCrashVault(TEST_PASSWORD, KEPT_ROWS);
    const { dir } = made;
    // The recovery code of the active slot, while the test knows it: a crash after the rekey took effect
    // but before the child printed the new code leaves a code nobody has seen.
    let recoveryCode: string | undefined = made.recoveryCode;
    const counts = { noRekeyPending: 0, rolledBack: 0, rolledForward: 0, insideTransaction: 0, recoveryCodeUnseen: 0 };
    for (let kill = 1; kill <= ITERATIONS; kill++) {
      const child = await startCrashChild('rekey-loop', [dir, TEST_PASSWORD]);
      // Every other kill is aimed at the short stretch where vault.keys holds pending slots, which a
      // uniform delay would rarely hit; the aim is a poll of the file, the instant still a random delay.
      const aimed = kill % 2 === 0;
      if (aimed) await waitWhileRunning(child, () => slotIdsOnDisk(dir).pending.length > 0, 'pending slots in vault.keys');
      const delayMs = schedule.delayMs(aimed ? PENDING_WINDOW_MS : MAX_DELAY_MS);
      await sleep(delayMs);
      const { signal, lines } = await child.kill();
      const when = aimed ? 'after the pending slots appeared' : 'after ready';
      const context = `seed ${schedule.seed}, kill ${kill}, ${delayMs} ms ${when}, child printed ${lines.length} lines`;
      expect(signal, context).toBe('SIGKILL');
      recoveryCode = lastLineAfter(lines, 'rekeyed ') ?? recoveryCode;
      const hotJournal = hotJournalBytes(dir);
      if (hotJournal > 0) counts.insideTransaction++;

      const crashed = slotIdsOnDisk(dir);
      const vault = await unlockForTest(dir, { password: TEST_PASSWORD }, `${context}, hot journal of ${hotJournal} bytes`);
      const keyHex = dataKeyHexOf(vault);
      expect(vault.keyFile.slots.every((slot) => slot.state === 'active'), context).toBe(true);
      vault.lock();
      const opened = slotIdsOnDisk(dir);
      expect(opened.pending, context).toEqual([]);
      let outcome: Outcome;
      if (crashed.pending.length === 0) {
        outcome = 'noRekeyPending';
        expect(opened.active, context).toEqual(crashed.active);
      } else if (opened.active.join() === crashed.active.join()) {
        outcome = 'rolledBack';
      } else {
        outcome = 'rolledForward';
        expect(opened.active, context).toEqual(crashed.pending);
      }
      counts[outcome]++;
      if (recoveryCode !== undefined) {
        const stillOpens = await opensWith(dir, { recoveryCode });
        // Abandoned: the old slots are back, so the last code shown must still open the vault.
        if (outcome === 'rolledBack') expect(stillOpens, context).toBe(true);
        if (!stillOpens) {
          counts.recoveryCodeUnseen++;
          recoveryCode = undefined;
          // The refused code counted as a wrong attempt; an unlock clears the counter again.
          (await unlockForTest(dir, { password: TEST_PASSWORD })).lock();
        }
      }
      expect(inspectWithDataKey(dir, keyHex), context).toEqual({ integrity: 'ok', rows: { count: KEPT_ROWS, contiguousAndIntact: true } });
      expect(leftoversIn(dir), context).toEqual([]);
    }
    console.log(`[crash] rekey: ${ITERATIONS} kills: ${JSON.stringify(counts)}`);
  }, timeoutFor(ITERATIONS, 15_000));
});
