import {
  AuditError,
  auditOrigin,
  cosignCheckpoint,
  noteKeyId,
  openCheckpoint,
  parseAddCheckpoint,
  verifyConsistency,
  type NoteVerifier,
} from '../../audit/index.js';
import { CofferError } from '../../contract/index.js';
import { constantTimeEqual, randomId } from '../../crypto/index.js';
import { appendGatewayAudit } from '../bank/appendGatewayAudit.js';
import type { GatewayStore } from '../store/openStore.js';
import type { DeviceTable } from '../store/storeSchema.js';
import type { WitnessKey } from './witnessKey.js';

/** The witness's answer: the cosignature lines, or the size it knows when the device's old size is stale. */
export type AddCheckpointAnswer = { cosignature: string; size: number } | { stale: true; knownSize: number };

type AlertReason = 'inconsistent' | 'rolled-back' | 'forked';

/**
 * C2SP tlog-witness `add-checkpoint` for one enrolled device: the checkpoint must be of the device's own
 * vault log and signed by the device's enrolled key (the key that signs its requests also signs its
 * checkpoints); the old size must be the size last cosigned; the proof must join the two trees. Then the
 * new size is stored by a write conditional on the size and root read, and the checkpoint is cosigned.
 *
 * A history that contradicts what was cosigned (a proof that does not verify; a smaller tree from a device
 * that names the cosigned size; another root at that size) is what a rewritten or rolled-back vault looks
 * like: it is refused, and recorded as an alert in `witness_alerts` and the gateway's audit log, in one
 * transaction, for the bank to follow up. Statuses are C2SP's (400, 409, 422).
 */
export async function addCheckpoint(store: GatewayStore, device: DeviceTable, body: string, witness: WitnessKey, now: number): Promise<AddCheckpointAnswer> {
  let request;
  try {
    request = parseAddCheckpoint(body);
  } catch (error) {
    throw new CofferError('SERVER_BAD_REQUEST', (error as Error).message, { cause: error });
  }
  const origin = auditOrigin(device.vault_id);
  const publicKey = Buffer.from(device.public_key, 'base64url');
  const verifier: NoteVerifier = { name: origin, keyId: noteKeyId(origin, publicKey), publicKey };
  let opened;
  try {
    opened = openCheckpoint(request.checkpoint, [verifier]);
  } catch (error) {
    const code = error instanceof AuditError ? error.code : undefined;
    if (code === 'AUDIT_UNKNOWN_SIGNER' || code === 'AUDIT_BAD_SIGNATURE') {
      throw new CofferError('SERVER_WITNESS_UNTRUSTED', `expected the checkpoint signed by this device's key as ${origin}, found no such signature`, { cause: error });
    }
    throw new CofferError('SERVER_BAD_REQUEST', (error as Error).message, { cause: error });
  }
  const { checkpoint } = opened;
  if (checkpoint.origin !== origin) {
    throw new CofferError('SERVER_WITNESS_UNKNOWN_LOG', `expected a checkpoint of this device's log ${origin}, found one of another log`);
  }

  const known = await store.db.selectFrom('witness_logs').selectAll().where('device_id', '=', device.id).executeTakeFirst();
  const knownSize = known?.size ?? 0;
  const knownRoot = known ? Buffer.from(known.root_hash, 'base64') : undefined;

  const evidence = { knownSize, submittedSize: checkpoint.size, checkpoint: request.checkpoint };
  if (request.oldSize > checkpoint.size) {
    // The device admits the size the bank cosigned, yet signs a smaller tree: its log was rolled back.
    if (known && request.oldSize === knownSize) await recordAlert(store, device, 'rolled-back', evidence, now);
    throw new CofferError('SERVER_BAD_REQUEST', `expected the old size ${request.oldSize} not above the checkpoint size ${checkpoint.size}`);
  }
  if (request.oldSize !== knownSize) return { stale: true, knownSize };
  if (knownRoot) {
    if (checkpoint.size === knownSize && !constantTimeEqual(knownRoot, checkpoint.rootHash)) {
      // Another root at the cosigned size: C2SP answers 409; for a device's own log it can only be a fork.
      await recordAlert(store, device, 'forked', evidence, now);
      return { stale: true, knownSize };
    }
    try {
      verifyConsistency(knownSize, checkpoint.size, request.proof, knownRoot, checkpoint.rootHash);
    } catch (error) {
      if (!(error instanceof AuditError) || error.code !== 'AUDIT_INCONSISTENT') throw new CofferError('SERVER_BAD_REQUEST', (error as Error).message, { cause: error });
      await recordAlert(store, device, 'inconsistent', evidence, now);
      throw new CofferError(
        'SERVER_WITNESS_INCONSISTENT',
        `expected a log that extends the ${knownSize} entries the bank cosigned, found one the proof does not join to them: the bank has been alerted`,
        { cause: error },
      );
    }
  }

  const root = checkpoint.rootHash.toString('base64');
  const stored = known
    ? await store.db
        .updateTable('witness_logs')
        .set({ size: checkpoint.size, root_hash: root, cosigned_at: now })
        .where('device_id', '=', device.id)
        .where('size', '=', knownSize)
        .where('root_hash', '=', known.root_hash)
        .executeTakeFirst()
        .then((result) => Number(result.numUpdatedRows))
    : await store.db
        .insertInto('witness_logs')
        .values({ device_id: device.id, origin, size: checkpoint.size, root_hash: root, cosigned_at: now })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst()
        .then((result) => Number(result.numInsertedOrUpdatedRows ?? 0n));
  // Another submission of this device won the race since the read: answer with what is stored now.
  if (stored !== 1) {
    const current = await store.db.selectFrom('witness_logs').select('size').where('device_id', '=', device.id).executeTakeFirst();
    return { stale: true, knownSize: current?.size ?? 0 };
  }
  const text = opened.note.text;
  return { cosignature: cosignCheckpoint(text, witness.signer, Math.floor(now / 1000)), size: checkpoint.size };
}

/** Records what the device presented, in `witness_alerts` and the gateway's audit log, in one transaction. */
async function recordAlert(
  store: GatewayStore,
  device: DeviceTable,
  reason: AlertReason,
  evidence: { knownSize: number; submittedSize: number; checkpoint: string },
  now: number,
): Promise<void> {
  const { knownSize, submittedSize, checkpoint } = evidence;
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('witness_alerts')
      .values({ id: randomId(), device_id: device.id, at: now, reason, known_size: knownSize, submitted_size: submittedSize, checkpoint })
      .execute();
    await appendGatewayAudit(trx, store.dialect, {
      at: now,
      actor: `device:${device.id}`,
      action: 'witness.alert',
      orgId: device.org_id,
      details: { deviceId: device.id, userId: device.user_id, vaultId: device.vault_id, reason, knownSize, submittedSize },
    });
  });
}
