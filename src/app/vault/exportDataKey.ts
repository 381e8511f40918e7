import { withUnlockedVault } from './withUnlockedVault.js';

/**
 * The raw data key as hex, for disaster recovery with stock SQLCipher. Whoever holds it reads the vault
 * without any password, so the caller shows it only to the user who asked and `rekey` is the way back.
 */
export function exportDataKey(dir: string, password: string): Promise<{ vaultId: string; dataKeyHex: string }> {
  return withUnlockedVault(dir, { password }, (vault) => {
    vault.record([{ action: 'vault.export-key', outcome: 'allowed' }]);
    return { vaultId: vault.vaultId, dataKeyHex: vault.withDataKey((key) => key.toString('hex')) };
  });
}
