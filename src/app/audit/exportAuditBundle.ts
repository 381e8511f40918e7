import { AUDIT_BUNDLE_FORMAT, type AuditBundle } from '../../contract/index.js';
import { readAuditEntries, readCheckpoints, type UnlockedVault } from '../../vault/index.js';
import { readCosignedCheckpoints } from '../bank/witnessCheckpoint.js';

/**
 * The vault's log as a `coffer-audit-bundle/v1` (docs/audit.md): checkpointed first, so the bundle ends
 * with a signature over every entry in it, and the bank witness's cosigned checkpoints of an enrolled vault. Entries carry their stored sequence number as index, so a gap
 * left by a deleted row shows in the bundle instead of being papered over.
 */
export function exportAuditBundle(vault: UnlockedVault): AuditBundle {
  const audit = vault.audit;
  audit.checkpoint();
  const entries: AuditBundle['entries'] = [];
  for (const { seq, data } of readAuditEntries(vault.db)) entries.push({ index: seq, data: data.toString('base64') });
  return {
    format: AUDIT_BUNDLE_FORMAT,
    origin: audit.identity.origin,
    verifierKey: audit.identity.verifierKey,
    entries,
    checkpoints: readCheckpoints(vault.db).map((checkpoint) => checkpoint.note),
    cosignatures: readCosignedCheckpoints(vault.db).map((cosigned) => cosigned.checkpoint),
  };
}
