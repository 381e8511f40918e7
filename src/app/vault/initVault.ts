import { basename } from 'node:path';
import { assertStrongPassword } from '../../domain/password/index.js';
import { createVault, ensureStrongPassword, type KdfChoice } from '../../vault/index.js';

export interface InitVaultResult {
  vaultId: string;
  dir: string;
  recoveryCode: string;
  kdfIterations: number;
}

/** Creates a vault and returns its recovery code, which is shown once and stored nowhere in clear. */
export async function initVault(dir: string, password: string, kdf: KdfChoice = {}): Promise<InitVaultResult> {
  // Ensure a guessable password is refused before any file or key exists (docs/security.md "Passwords").
  ensureStrongPassword(password);
  await assertStrongPassword(password, [basename(dir)]);
  const { vault, recoveryCode } = await createVault(dir, password, { ...kdf, autoLockMs: null });
  try {
    const passwordSlot = vault.keyFile.slots.find((slot) => slot.kind === 'password');
    return { vaultId: vault.vaultId, dir, recoveryCode, kdfIterations: passwordSlot?.kdf.name === 'pbkdf2-hmac-sha512' ? passwordSlot.kdf.iterations : 0 };
  } finally {
    vault.lock();
  }
}
