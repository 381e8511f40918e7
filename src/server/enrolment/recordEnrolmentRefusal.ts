import type { CofferError, EnrolmentRequest } from '../../contract/index.js';
import { appendGatewayAudit } from '../bank/appendGatewayAudit.js';
import type { GatewayStore } from '../store/openStore.js';
import { activationCodeId, hashActivationCode } from './activationCode.js';

/**
 * A refused enrolment (`device.enrol-refuse`) in the gateway's audit log, in a transaction of its own, since the
 * refused one wrote nothing (a code it left unspent stays unspent): the organisation and user of the code, the
 * code's id (never the code), the vault id, device key and credential ids the request named, and the code and
 * one-line reason it was answered with. Only when the activation code is one the bank issued: an unknown code
 * names no organisation, and writing it would let anyone without a code grow the log (the request log has it).
 * Answers whether an entry was written.
 */
export async function recordEnrolmentRefusal(store: GatewayStore, body: EnrolmentRequest, refusal: CofferError, now: number): Promise<boolean> {
  const codeHash = hashActivationCode(body.activationCode);
  return store.db.transaction().execute(async function recordEnrolmentRefusalInTransaction(trx) {
    const issued = await trx.selectFrom('activation_codes').select(['org_id', 'user_id']).where('code_hash', '=', codeHash).executeTakeFirst();
    if (!issued) return false;
    const codeId = activationCodeId(codeHash);
    await appendGatewayAudit(trx, store.dialect, {
      at: now,
      actor: `activation-code:${codeId}`,
      action: 'device.enrol-refuse',
      orgId: issued.org_id,
      details: {
        codeId,
        userId: issued.user_id,
        vaultId: body.vaultId,
        devicePublicKey: body.devicePublicKey,
        credentials: (body.credentials ?? []).map((credential) => credential.id),
        code: refusal.code,
        reason: refusal.message.split('\n')[0] ?? '',
      },
    });
    return true;
  });
}
