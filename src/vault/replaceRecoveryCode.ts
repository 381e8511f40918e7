import { zeroize } from '../crypto/index.js';
import { chooseIterations, type KdfChoice } from './kdfCalibration.js';
import { createSlot } from './keySlot.js';
import { generateRecoveryCode, normalizeRecoveryCode } from './recoveryCode.js';
import type { UnlockedVault } from './unlockedVault.js';

/** Issues a new recovery code and drops the old one (lost, or possibly seen by someone else). */
export async function replaceRecoveryCode(vault: UnlockedVault, options: KdfChoice = {}): Promise<string> {
  const recoveryCode = generateRecoveryCode();
  const secret = normalizeRecoveryCode(recoveryCode);
  const dataKey = vault.withDataKey((key) => Buffer.from(key));
  try {
    const slot = await createSlot({
      vaultId: vault.vaultId,
      kind: 'recovery',
      state: 'active',
      secret,
      iterations: chooseIterations(options),
      dataKey,
    });
    vault.rewriteKeySlots({ action: 'vault.recovery-code', target: slot.id }, (slots) => [...slots.filter((s) => s.kind !== 'recovery'), slot]);
    return recoveryCode;
  } finally {
    zeroize(secret, dataKey);
  }
}
