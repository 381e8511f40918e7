import { changePassword, type KdfChoice, type VaultSecret } from '../../vault/index.js';
import { withUnlockedVault } from './withUnlockedVault.js';

/** Sets a new password, proving either the current password or the recovery code. */
export function changeVaultPassword(dir: string, proof: VaultSecret, newPassword: string, kdf: KdfChoice = {}): Promise<{ vaultId: string }> {
  return withUnlockedVault(dir, proof, async (vault) => {
    await changePassword(vault, newPassword, kdf);
    return { vaultId: vault.vaultId };
  });
}
