import { join } from 'node:path';
import { pbkdf2Sha512, randomBytes } from '../../crypto/index.js';
import { calibratePbkdf2Iterations, createVault, unlockVault, type UnlockedVault } from '../../vault/index.js';
import { median, round, timeMsAsync, type FigureSink } from './benchFigure.js';

const PASSWORD = 'benchmark password, not a secret';

/** KDF alone at the calibrated count, and a whole unlock (KDF, MACs, SQLCipher open, migrations check). */
export async function benchUnlock(dir: string, emit: FigureSink, rounds = 5): Promise<void> {
  const iterations = calibratePbkdf2Iterations();
  const salt = randomBytes(32);
  const vaultDir = join(dir, 'unlock-vault');
  (await createVault(vaultDir, PASSWORD, { iterations, autoLockMs: null })).vault.lock();
  // Interleaved, so a busy moment of the machine slows both measurements alike.
  const kdfMs: number[] = [];
  const unlockMs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    kdfMs.push(await timeMsAsync(() => pbkdf2Sha512(Buffer.from(PASSWORD), salt, iterations, 64)));
    let vault: UnlockedVault | undefined;
    unlockMs.push(await timeMsAsync(async () => (vault = await unlockVault(vaultDir, { password: PASSWORD }, { autoLockMs: null }))));
    vault?.lock();
  }
  const kdf = median(kdfMs);
  const unlock = median(unlockMs);
  emit({ figure: 'kdf.pbkdf2-sha512', unit: 'ms', value: round(kdf, 1), goal: 'about 250 ms', details: { iterations } });
  emit({
    figure: 'vault.unlock',
    unit: 'ms',
    value: round(unlock, 1),
    baseline: { name: 'kdf alone', value: round(kdf, 1) },
    ratio: round(unlock / kdf),
    goal: 'value <= 300 ms',
    met: unlock <= 300,
    details: { iterations, rounds, includes: 'key file, KDF, MACs, SQLCipher open, schema check, audit entry of the unlock' },
  });
}
