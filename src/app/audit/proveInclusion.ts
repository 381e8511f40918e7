import { AuditError, hashLeaf } from '../../audit/index.js';
import { readAuditEntries, type UnlockedVault } from '../../vault/index.js';

export interface InclusionProofJson {
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  hashes: string[];
  rootHash: string;
  /** The signed checkpoint whose root the proof leads to. */
  checkpoint: string;
  entry: string;
}

/** RFC 9162 §2.1.3 inclusion proof of entry `index` in the tree of the latest checkpoint (base64 hashes). */
export function proveInclusion(vault: UnlockedVault, index: number): InclusionProofJson {
  const audit = vault.audit;
  const checkpoint = audit.checkpoint();
  const size = audit.size;
  if (!Number.isSafeInteger(index) || index < 0 || index >= size || checkpoint === undefined) {
    throw new AuditError('AUDIT_OUT_OF_RANGE', `expected an entry index in 0..${size - 1}, found ${index}`);
  }
  const [entry] = [...readAuditEntries(vault.db, index, index + 1)];
  if (!entry) throw new AuditError('AUDIT_TRUNCATED', `entry ${index} is missing from the log`, { index });
  return {
    leafIndex: index,
    treeSize: size,
    leafHash: hashLeaf(entry.data).toString('base64'),
    hashes: audit.inclusionProof(index, size).map((hash) => hash.toString('base64')),
    rootHash: audit.root(size).toString('base64'),
    checkpoint,
    entry: entry.data.toString('utf8'),
  };
}
