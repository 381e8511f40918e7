import { zeroize } from '../crypto/index.js';
import { chooseIterations, type KdfChoice } from './kdfCalibration.js';
import { createSlot } from './keySlot.js';
import { ensureNotPasswordAndKey } from './passwordAndKeySlot.js';
import { ensureStrongPassword, passwordBytes } from './password.js';
import type { UnlockedVault } from './unlockedVault.js';

/**
 * Replaces the password slot with one for `newPassword`: the data key is rewrapped, the data is not
 * re-encrypted. The vault may have been unlocked with the recovery code (forgotten password).
 */
export async function changePassword(vault: UnlockedVault, newPassword: string, options: KdfChoice = {}): Promise<void> {
  ensureStrongPassword(newPassword);
  // A vault that needs the password and a key together has no password slot to replace (docs/vault.md).
  ensureNotPasswordAndKey(vault, 'a password slot of its own');
  const iterations = chooseIterations(options);
  const secret = passwordBytes(newPassword);
  // A copy, so an auto-lock during the KDF cannot zero the key we are about to wrap.
  const dataKey = vault.withDataKey((key) => Buffer.from(key));
  try {
    const slot = await createSlot({ vaultId: vault.vaultId, kind: 'password', state: 'active', secret, iterations, dataKey });
    vault.rewriteKeySlots({ action: 'vault.passwd', target: slot.id }, (slots) => [...slots.filter((s) => s.kind !== 'password'), slot]);
  } finally {
    zeroize(secret, dataKey);
  }
}
