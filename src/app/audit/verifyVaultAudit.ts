import { verifyBundle } from '../../audit/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { checkStoredNodes } from './checkStoredNodes.js';
import { exportAuditBundle } from './exportAuditBundle.js';

export interface AuditVerification {
  origin: string;
  size: number;
  rootHash: string;
  checkpoints: number;
  verifierKey: string;
}

/**
 * Recomputes the whole log from its entries with the same verifier an outsider uses on a bundle, pinned to
 * this device's key, then checks that every stored tree node (which proofs are built from) agrees.
 */
export function verifyVaultAudit(vault: UnlockedVault, onProgress?: (done: number, total: number) => void): AuditVerification {
  const bundle = exportAuditBundle(vault);
  const verified = verifyBundle(bundle, { trustedVerifierKey: bundle.verifierKey, ...(onProgress ? { onProgress } : {}) });
  // Ensure proofs served from the stored nodes describe the same tree the entries give.
  checkStoredNodes(vault, verified.tree);
  return {
    origin: verified.origin,
    size: verified.size,
    rootHash: verified.rootHash.toString('base64'),
    checkpoints: verified.checkpoints,
    verifierKey: bundle.verifierKey,
  };
}
