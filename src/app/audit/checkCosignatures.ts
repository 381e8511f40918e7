import { AuditError, openCheckpoint, parseVerifierKey, rootAt, verifyCosignature, type MerkleNodeReader } from '../../audit/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { readBankConnection } from '../bank/bankConnection.js';
import { checkpointBody, readCosignedCheckpoints, witnessOf } from '../bank/witnessCheckpoint.js';

/**
 * Checks every cosignature the vault keeps against the log as it is: the checkpoint is the device's, signed by
 * its key; its root is the root of the entries at its size; and the witness's line verifies with the witness
 * key pinned at enrolment. A log rewritten below a witnessed size fails here (AUDIT_ROOT_MISMATCH) even offline,
 * unless the cosignatures are deleted too, which only the witness itself then catches. Returns the largest
 * witnessed size and how many were checked; undefined for a vault no bank enrolled.
 */
export function checkCosignatures(vault: UnlockedVault, tree: MerkleNodeReader, size: number): { witnessedSize: number; cosignatures: number } | undefined {
  const connection = readBankConnection(vault.db);
  if (connection === undefined) return undefined;
  const device = parseVerifierKey(vault.audit.identity.verifierKey);
  const witness = witnessOf(connection);
  const cosigned = readCosignedCheckpoints(vault.db);
  for (const { size: at, checkpoint } of cosigned) {
    const opened = openCheckpoint(checkpoint, [device]);
    if (opened.checkpoint.size !== at || at > size) {
      throw new AuditError('AUDIT_TRUNCATED', `expected the log to hold the ${at} entries the bank's witness cosigned, found ${size}`);
    }
    if (!rootAt(tree, at).equals(opened.checkpoint.rootHash)) {
      throw new AuditError('AUDIT_ROOT_MISMATCH', `expected the log's first ${at} entries to be those the bank's witness cosigned, found them changed`);
    }
    verifyCosignature(checkpointBody(checkpoint), checkpoint.slice(checkpointBody(checkpoint).length), witness);
  }
  return { witnessedSize: cosigned.at(-1)?.size ?? 0, cosignatures: cosigned.length };
}
