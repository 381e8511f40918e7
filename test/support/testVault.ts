import { join } from 'node:path';
import { createVault, PBKDF2_MIN_ITERATIONS } from '../../src/vault/index.js';
import { tempDir } from './tempDir.js';

export const TEST_PASSWORD = 'correct horse battery staple';
export const OTHER_PASSWORD = 'another long passphrase 42';

/** Tests use the KDF floor instead of calibrating, so a suite of many vaults stays fast. */
export const TEST_KDF = { iterations: PBKDF2_MIN_ITERATIONS };

export async function makeTestVault(password = TEST_PASSWORD) {
  const dir = join(tempDir(), 'vault');
  const created = await createVault(dir, password, { ...TEST_KDF, autoLockMs: null });
  return { dir, ...created };
}
