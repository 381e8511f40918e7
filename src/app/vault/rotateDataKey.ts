import { rekeyVault, type KdfChoice } from '../../vault/index.js';
import { withUnlockedVault } from './withUnlockedVault.js';

/** New data key for the whole database; the recovery code changes with it. */
export function rotateDataKey(dir: string, password: string, kdf: KdfChoice = {}): Promise<{ vaultId: string; recoveryCode: string }> {
  return withUnlockedVault(dir, { password }, async (vault) => {
    const { recoveryCode } = await rekeyVault(vault, password, kdf);
    return { vaultId: vault.vaultId, recoveryCode };
  });
}
