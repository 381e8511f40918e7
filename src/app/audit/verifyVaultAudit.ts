import type { AuditVerification } from '../../api/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { checkCosignatures } from './checkCosignatures.js';
import { checkRecordSeals } from './checkRecordSeals.js';
import { checkStoredNodes } from './checkStoredNodes.js';
import { exportAuditBundle } from './exportAuditBundle.js';
import { verifyBundleInWorkers } from './verifyBundleInWorkers.js';

export interface VerifyVaultAuditOptions {
  /** The device verifier key the log must be signed with; the vault's own key when absent. */
  trustedVerifierKey?: string;
  onProgress?: (done: number, total: number) => void;
  /** Cancels the verification (APP_CANCELLED); the workers hashing the entries are terminated. */
  signal?: AbortSignal;
}

/**
 * Recomputes the whole log from its entries with the same verifier an outsider uses on a bundle, pinned to
 * the trusted key (this device's own unless the caller knows better), then checks that every stored tree
 * node (which proofs are built from) agrees. The entries are checked and hashed on worker threads.
 */
export async function verifyVaultAudit(vault: UnlockedVault, options: VerifyVaultAuditOptions = {}): Promise<AuditVerification> {
  const { trustedVerifierKey, ...rest } = options;
  const bundle = exportAuditBundle(vault);
  const verified = await verifyBundleInWorkers(bundle, { ...rest, trustedVerifierKey: trustedVerifierKey ?? bundle.verifierKey });
  // Ensure proofs served from the stored nodes describe the same tree the entries give.
  checkStoredNodes(vault, verified.tree);
  // Ensure the data is what the log says it is: every record sealed by the entry that produced it.
  const records = checkRecordSeals(vault);
  // Ensure the log still holds what the bank's witness cosigned, by the witness key pinned at enrolment.
  const witnessed = checkCosignatures(vault, verified.tree, verified.size);
  return {
    ...witnessed,
    verified: true,
    records,
    origin: verified.origin,
    size: verified.size,
    rootHash: verified.rootHash.toString('base64'),
    checkpoints: verified.checkpoints,
    verifierKey: bundle.verifierKey,
  };
}
