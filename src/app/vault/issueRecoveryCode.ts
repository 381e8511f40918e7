import { replaceRecoveryCode, type KdfChoice } from '../../vault/index.js';
import { withUnlockedVault } from './withUnlockedVault.js';

/** Replaces a lost (or possibly seen) recovery code with a new one. */
export function issueRecoveryCode(dir: string, password: string, kdf: KdfChoice = {}): Promise<{ vaultId: string; recoveryCode: string }> {
  return withUnlockedVault(dir, { password }, async (vault) => ({
    vaultId: vault.vaultId,
    recoveryCode: await replaceRecoveryCode(vault, kdf),
  }));
}
