import type { UnlockedVault, VaultSecret } from '../../vault/index.js';
import { withUnlockedVault } from '../vault/withUnlockedVault.js';
import { verifyVaultAudit, type AuditVerification } from './verifyVaultAudit.js';

/** A failed verification is itself evidence; it is recorded if the log can still take an entry. */
function recordFailedVerification(vault: UnlockedVault, error: unknown): void {
  const reason = String((error as { code?: unknown }).code ?? 'INTERNAL');
  const index = (error as { index?: unknown }).index;
  try {
    vault.record([{ action: 'audit.verify', outcome: 'failed', reason, details: typeof index === 'number' ? { index } : {} }]);
  } catch {
    // The log is too damaged to append to; the caller still reports the verification error.
  }
}

/**
 * `coffer audit verify --vault`: unlocks without appending first (a damaged log must still be examinable),
 * verifies, and only then records that it did.
 */
export function auditVaultLog(dir: string, secret: VaultSecret, onProgress?: (done: number, total: number) => void): Promise<AuditVerification> {
  return withUnlockedVault(
    dir,
    secret,
    (vault) => {
      let result: AuditVerification;
      try {
        result = verifyVaultAudit(vault, onProgress);
      } catch (error) {
        recordFailedVerification(vault, error);
        throw error;
      }
      vault.record([{ action: 'audit.verify', outcome: 'allowed', details: { size: result.size } }]);
      return result;
    },
    { recordUnlock: false },
  );
}
