import { createVault, type KdfChoice } from '../../vault/index.js';

export interface InitVaultResult {
  vaultId: string;
  dir: string;
  recoveryCode: string;
  kdfIterations: number;
}

/** Creates a vault and returns its recovery code, which is shown once and stored nowhere in clear. */
export async function initVault(dir: string, password: string, kdf: KdfChoice = {}): Promise<InitVaultResult> {
  const { vault, recoveryCode } = await createVault(dir, password, { ...kdf, autoLockMs: null });
  try {
    const passwordSlot = vault.keyFile.slots.find((slot) => slot.kind === 'password');
    return { vaultId: vault.vaultId, dir, recoveryCode, kdfIterations: passwordSlot?.kdf.iterations ?? 0 };
  } finally {
    vault.lock();
  }
}
