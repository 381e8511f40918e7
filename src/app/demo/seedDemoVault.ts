import { existsSync } from 'node:fs';
import { createVault, PBKDF2_MIN_ITERATIONS, unlockVault, vaultPaths, type UnlockedVault } from '../../vault/index.js';
import { demoUser, seedDemo, type DemoSeedReport, type SeedDemoOptions } from './seedDemo.js';

/**
 * DEMO ONLY. The password of vaults that `coffer demo seed` creates. It is printed and documented, so a
 * demo vault protects nothing: never keep real data in one.
 */
export const DEMO_PASSWORD = 'coffer demo password';

export interface DemoVaultReport extends DemoSeedReport {
  dir: string;
  vaultId: string;
  /** True when the seed created the vault (with DEMO_PASSWORD); false when it filled an existing empty one. */
  createdVault: boolean;
  /** Shown once, only for a vault created here. */
  recoveryCode: string | null;
  passwordHint: string | null;
  millis: number;
}

/**
 * `coffer demo seed`: creates the vault with DEMO_PASSWORD when `dir` holds none (at the KDF floor: the
 * password is public anyway), or unlocks an existing empty one with `password()`; then seeds it.
 */
export async function seedDemoVault(dir: string, options: SeedDemoOptions, password: () => Promise<string>): Promise<DemoVaultReport> {
  const started = performance.now();
  // Ensure the user exists before a vault is created for them.
  demoUser(options.user);
  const exists = existsSync(vaultPaths(dir).keys);
  let vault: UnlockedVault;
  let recoveryCode: string | null = null;
  if (exists) {
    vault = await unlockVault(dir, { password: await password() }, { autoLockMs: null });
  } else {
    const created = await createVault(dir, DEMO_PASSWORD, { iterations: PBKDF2_MIN_ITERATIONS, autoLockMs: null });
    vault = created.vault;
    recoveryCode = created.recoveryCode;
  }
  try {
    const report = await seedDemo(vault, options);
    const passwordHint = exists ? null : `the demo password is "${DEMO_PASSWORD}" (demo only: it is published)`;
    return { ...report, dir, vaultId: vault.vaultId, createdVault: !exists, recoveryCode, passwordHint, millis: Math.round(performance.now() - started) };
  } finally {
    vault.lock();
  }
}
