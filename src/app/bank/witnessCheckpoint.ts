import { formatAddCheckpoint, verifyCosignature, type Cosigner } from '../../audit/index.js';
import { CofferError } from '../../contract/index.js';
import type { UnlockedVault, VaultDatabase } from '../../vault/index.js';
import type { BankConnection } from './bankConnection.js';
import { gatewayRequest, type GatewaySigner } from './gatewayRequest.js';

/** C2SP tlog-witness: the media type of a 409's body, the size the witness has cosigned. */
const SIZE_MEDIA_TYPE = 'text/x.tlog.size';

export interface WitnessedCheckpoint {
  /** The size the witness has now cosigned (unchanged when there was nothing new). */
  size: number;
  /** The size it had cosigned before this request. */
  oldSize: number;
}

/** The witness's key as pinned at enrolment. */
export function witnessOf(connection: BankConnection): Cosigner {
  return { name: connection.witnessName, publicKey: Buffer.from(connection.witnessKey, 'base64') };
}

/** The largest size the witness cosigned, as this vault recorded it (0: never). */
export function lastWitnessedSize(db: VaultDatabase): number {
  return db.prepare('SELECT coalesce(max(size), 0) FROM witness_cosignatures').pluck().get() as number;
}

/** The cosigned checkpoints (the device's signed note with the witness's line added), oldest first. */
export function readCosignedCheckpoints(db: VaultDatabase): { size: number; checkpoint: string }[] {
  return db.prepare('SELECT size, checkpoint FROM witness_cosignatures ORDER BY size').all() as { size: number; checkpoint: string }[];
}

/** The checkpoint body a cosignature signs: the note's text up to and including the blank line's first newline. */
export function checkpointBody(signedNote: string): string {
  return signedNote.slice(0, signedNote.indexOf('\n\n') + 1);
}

/** Refuses the log on the witness's word: recorded, and the vault takes no changes until `audit verify` passes. */
function refuseLog(vault: UnlockedVault, error: CofferError, details: Record<string, number>): never {
  vault.record([{ action: 'bank.witness', outcome: 'denied', reason: error.code, details }]);
  vault.markLogFailed(error.code);
  throw error;
}

/**
 * Has the bank's witness cosign the vault's latest checkpoint (C2SP tlog-witness), with an RFC 9162 consistency
 * proof from the size it last cosigned; verifies the cosignature with the witness key pinned at enrolment and
 * stores it with its `bank.witness` entry. A 409 naming a size this vault also holds is answered once more from
 * that size (our record of it was behind); a size larger than the whole log means an older copy of the vault
 * was put back (APP_LOG_ROLLED_BACK); a proof the witness cannot join to what it cosigned means the log was
 * rewritten (SERVER_WITNESS_INCONSISTENT). Both refuse the log, recorded, before the sync does anything else.
 */
export async function witnessCheckpoint(vault: UnlockedVault, connection: BankConnection, signer: GatewaySigner, now: Date): Promise<WitnessedCheckpoint> {
  const checkpoint = vault.audit.checkpoint(now);
  const size = vault.audit.size;
  let oldSize = lastWitnessedSize(vault.db);
  if (checkpoint === undefined || oldSize >= size) return { size: oldSize, oldSize };
  const gateway = new URL(connection.gatewayUrl);
  for (let attempt = 0; ; attempt += 1) {
    const proof = oldSize === 0 ? [] : vault.audit.consistencyProof(oldSize, size);
    const body = new TextEncoder().encode(formatAddCheckpoint({ oldSize, proof, checkpoint }));
    let answer;
    try {
      answer = await gatewayRequest({ gateway, method: 'POST', path: '/v1/witness/add-checkpoint', signer, body, contentType: 'text/plain; charset=utf-8' }, [409]);
    } catch (error) {
      if (error instanceof CofferError && error.code === 'SERVER_WITNESS_INCONSISTENT') {
        refuseLog(vault, new CofferError('SERVER_WITNESS_INCONSISTENT', `the bank's witness cannot join this vault's log of ${size} entries to the ${oldSize} it cosigned: the log was rewritten; the bank is alerted, and this vault takes no changes`), { size, oldSize });
      }
      throw error;
    }
    if (answer.status === 409) {
      const known = answer.contentType.startsWith(SIZE_MEDIA_TYPE) ? Number(answer.text.trim()) : Number.NaN;
      if (!Number.isSafeInteger(known) || known < 0) throw new CofferError('APP_BAD_GATEWAY_ANSWER', 'expected the size the witness cosigned, found another answer');
      if (known > size) {
        refuseLog(vault, new CofferError('APP_LOG_ROLLED_BACK', `the bank's witness cosigned ${known} entries of this vault's log, and it holds ${size}: an older copy of the vault was put back; the newer one has the entries since`), { size, knownSize: known });
      }
      // Refused again from the size it named: it cosigned another tree of that size (C2SP: a fork).
      if (attempt > 0 || known === oldSize) {
        refuseLog(vault, new CofferError('SERVER_WITNESS_INCONSISTENT', `the bank's witness cosigned another log of ${known} entries than this vault holds: the log was rewritten or an older copy put back; the bank is alerted, and this vault takes no changes`), { size, knownSize: known });
      }
      oldSize = known;
      continue;
    }
    let timestamp: number;
    try {
      ({ timestamp } = verifyCosignature(checkpointBody(checkpoint), answer.text, witnessOf(connection)));
    } catch (cause) {
      throw new CofferError('APP_BAD_GATEWAY_ANSWER', `expected a cosignature by the witness ${connection.witnessName} pinned at enrolment, found none that verifies`, { cause });
    }
    const line = answer.text.split('\n').find((candidate) => candidate.startsWith(`— ${connection.witnessName} `)) ?? '';
    vault.transact({ action: 'bank.witness', target: connection.witnessName, details: { size, oldSize, timestamp } }, (db) => {
      db.prepare('INSERT INTO witness_cosignatures (size, checkpoint, received_at) VALUES (?, ?, ?) ON CONFLICT (size) DO NOTHING').run(size, `${checkpoint}${line}\n`, now.toISOString());
    });
    return { size, oldSize };
  }
}
