import type { VaultSecret } from '../../vault/index.js';
import { withUnlockedVault } from './withUnlockedVault.js';

export interface UnlockCheck {
  vaultId: string;
  failedAttemptsSinceLastUnlock: number;
  notices: string[];
}

/** Proves the secret opens the vault (and finishes an interrupted rekey or init on the way). */
export function checkUnlock(dir: string, secret: VaultSecret): Promise<UnlockCheck> {
  return withUnlockedVault(dir, secret, (vault) => ({
    vaultId: vault.vaultId,
    failedAttemptsSinceLastUnlock: vault.failedAttempts.length,
    notices: vault.notices,
  }));
}
