import { unlockVault, type UnlockedVault, type UnlockOptions, type VaultSecret } from '../../vault/index.js';

/** Unlocks for one command and locks again whatever happens: a command-line process holds no key longer. */
export async function withUnlockedVault<T>(
  dir: string,
  secret: VaultSecret,
  use: (vault: UnlockedVault) => Promise<T> | T,
  options: Pick<UnlockOptions, 'recordUnlock'> = {},
): Promise<T> {
  const vault = await unlockVault(dir, secret, { ...options, autoLockMs: null });
  try {
    return await use(vault);
  } finally {
    vault.lock();
  }
}
