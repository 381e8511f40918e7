import type { VaultSecret } from '../../vault/index.js';
import { withUnlockedVault } from '../vault/withUnlockedVault.js';
import { verifyVaultAudit, type AuditVerification } from './verifyVaultAudit.js';

/**
 * `coffer audit verify --vault`: unlocks without appending first (a damaged log must still be examinable),
 * verifies, and only then records that it did.
 */
export function auditVaultLog(dir: string, secret: VaultSecret, onProgress?: (done: number, total: number) => void): Promise<AuditVerification> {
  return withUnlockedVault(
    dir,
    secret,
    (vault) => {
      const result = verifyVaultAudit(vault, onProgress);
      vault.record([{ action: 'audit.verify', outcome: 'allowed', details: { size: result.size } }]);
      return result;
    },
    { recordUnlock: false },
  );
}
