import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { OTHER_PASSWORD, TEST_PASSWORD } from '../support/testVault.js';
import { lastLineAfter, startCrashChild } from './crashChildProcess.js';
import { crashIterations, crashSchedule, timeoutFor } from './crashSchedule.js';
import { dataKeyHexOf, inspectWithDataKey, leftoversIn, makeCrashVault, opensWith, unlockWithFirstOf } from './vaultChecks.js';

const ITERATIONS = crashIterations();
const KEPT_ROWS = 200;
// One change costs one KDF (a few hundred ms here): this spreads the kills over the first few changes,
// including the very first instants of one.
const MAX_DELAY_MS = 1500;

describe('when passwd is killed with SIGKILL at random instants', () => {
  it(`opens with the old or the new password, never both, and keeps every row (${ITERATIONS} kills)`, async () => {
    const schedule = crashSchedule('passwd');
    const { dir, recoveryCode, keyHex } = await makeCrashVault(TEST_PASSWORD, KEPT_ROWS);
    let current = TEST_PASSWORD;
    let unprintedChanges = 0;
    for (let kill = 1; kill <= ITERATIONS; kill++) {
      const other = current === TEST_PASSWORD ? OTHER_PASSWORD : TEST_PASSWORD;
      // The child calls `current` A and `other` B, and changes A→B→A… printing each change it finished.
      const child = await startCrashChild('passwd-loop', [dir, current, other]);
      const delayMs = schedule.delayMs(MAX_DELAY_MS);
      await sleep(delayMs);
      const { signal, lines } = await child.kill();
      const context = `seed ${schedule.seed}, kill ${kill}, ${delayMs} ms after ready, child printed ${JSON.stringify(lines)}`;
      expect(signal, context).toBe('SIGKILL');

      // The last change it printed is promised; the one after it may have finished just before the kill.
      const promised = (lastLineAfter(lines, 'changed-to ') ?? 'A') === 'A' ? current : other;
      const next = promised === current ? other : current;
      const { vault, index } = await unlockWithFirstOf(dir, [promised, next], context);
      expect(dataKeyHexOf(vault), context).toBe(keyHex);
      vault.lock();
      expect(inspectWithDataKey(dir, keyHex), context).toEqual({ integrity: 'ok', rows: { count: KEPT_ROWS, contiguousAndIntact: true } });
      expect(leftoversIn(dir), context).toEqual([]);
      if (index === 1) {
        unprintedChanges++;
      } else {
        // Ensure the password it did not open with is revoked (a password is changed because it leaked).
        // The refusal leaves one counted failure in vault.backoff; the next unlock takes it.
        expect(await opensWith(dir, { password: next }), context).toBe(false);
      }
      current = index === 0 ? promised : next;
    }
    // passwd rewrites the password slot only: the recovery slot must have come through every kill.
    expect(await opensWith(dir, { recoveryCode })).toBe(true);
    console.log(`[crash] passwd: ${ITERATIONS} kills, ${unprintedChanges} landed after a change finished but before it was printed`);
  }, timeoutFor(ITERATIONS, 10_000));
});
