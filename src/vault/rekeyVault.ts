import { randomBytes, zeroize } from '../crypto/index.js';
import { dangerousTestOnlyCrashPoint } from './crashPoint.js';
import { rekeyDatabase } from './database.js';
import { asVaultIoError } from './errors.js';
import { chooseIterations, type KdfChoice } from './kdfCalibration.js';
import { createSlot, openAnySlot } from './keySlot.js';
import { passwordBytes, passwordCandidates } from './password.js';
import { ensureNotPasswordAndKey } from './passwordAndKeySlot.js';
import { generateRecoveryCode, normalizeRecoveryCode } from './recoveryCode.js';
import type { UnlockedVault } from './unlockedVault.js';
import { CofferError } from '../contract/index.js';

/**
 * Replaces the data key and re-encrypts every page with PRAGMA rekey, in three crash-safe steps:
 * 1. vault.keys gains *pending* slots wrapping the new key beside the active ones;
 * 2. the database is rekeyed (one SQLite transaction);
 * 3. vault.keys keeps only the pending slots, now active.
 * Unlock after a crash tries the active key, then the pending one, and finishes or abandons the rekey.
 * The recovery slot cannot be rewrapped without its code, so a new recovery code is issued. A `webauthn-prf`
 * slot cannot be rewrapped without its key's PRF output, which only the key gives, in a window: those slots are
 * dropped (they would wrap a key that no longer opens anything) and their keys named in the answer and the log,
 * so unlocking with them can be turned on again. Refusing instead would keep a leaked data key in use.
 */
export async function rekeyVault(vault: UnlockedVault, password: string, options: KdfChoice = {}): Promise<{ recoveryCode: string; keyUnlockTurnedOff: string[] }> {
  // A rekey rewraps the new key under the password alone: not for a vault that needs the password and a key together.
  ensureNotPasswordAndKey(vault, 'a rekey');
  const secret = passwordBytes(password);
  const candidates = passwordCandidates(password);
  const newKey = randomBytes(32);
  const recoveryCode = generateRecoveryCode();
  const recovery = normalizeRecoveryCode(recoveryCode);
  let adopted = false;
  try {
    // Ensure the caller knows the password: the session may have been opened with the recovery code.
    const passwordSlot = vault.keyFile.slots.find((slot) => slot.kind === 'password' && slot.state === 'active');
    if (!passwordSlot) throw new CofferError('VAULT_KEYSLOT_REMOVED', 'vault.keys has no password slot');
    zeroize(await openAnySlot(vault.vaultId, [passwordSlot], candidates));

    const iterations = chooseIterations(options);
    const base = { vaultId: vault.vaultId, state: 'pending' as const, iterations, dataKey: newKey };
    const pending = [
      await createSlot({ ...base, kind: 'password', secret }),
      await createSlot({ ...base, kind: 'recovery', secret: recovery }),
    ];
    vault.rewriteKeySlots({ action: 'vault.rekey', details: { step: 'pending-slots' } }, (slots) => [
      ...slots.filter((slot) => slot.state === 'active'),
      ...pending,
    ]);
    dangerousTestOnlyCrashPoint('rekey:after-pending');

    try {
      rekeyDatabase(vault.db, newKey);
    } catch (error) {
      throw asVaultIoError(error, 'rekey', vault.paths.db);
    }
    vault.adoptDataKey(newKey);
    adopted = true;
    dangerousTestOnlyCrashPoint('rekey:after-pragma');

    const keyUnlockTurnedOff = [...new Set(vault.keyFile.slots.flatMap((slot) => (slot.kind === 'webauthn-prf' && slot.state === 'active' && slot.credentialId !== undefined ? [slot.credentialId] : [])))];
    vault.rewriteKeySlots({ action: 'vault.rekey', details: { step: 'promoted', keyUnlockTurnedOff } }, (slots) =>
      slots.filter((slot) => slot.state === 'pending').map((slot) => ({ ...slot, state: 'active' })),
    );
    dangerousTestOnlyCrashPoint('rekey:after-promote');
    return { recoveryCode, keyUnlockTurnedOff };
  } finally {
    zeroize(secret, recovery, ...candidates);
    if (!adopted) zeroize(newKey);
  }
}
