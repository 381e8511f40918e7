import { CofferError, describeZodIssue, PAYEE_CHECK_JWS_TYPE, PayeeCheckAnswer, type PayeeCheckRequest, type PayeeCheckResponse } from '../../contract/index.js';
import { randomId, sha256, signJws } from '../../crypto/index.js';
import { matchPayeeName, parseIban, PartyName } from '../../domain/index.js';
import { appendGatewayAudit } from '../bank/appendGatewayAudit.js';
import { loadBankKey } from '../bank/bankKey.js';
import { rfc3339 } from '../bank/rfc3339.js';
import type { GatewayStore } from '../store/openStore.js';
import type { DeviceTable } from '../store/storeSchema.js';
import { registeredHolder, type PayeeDirectoryEntry } from './registeredHolder.js';

export interface CheckPayeeOpts {
  device: DeviceTable;
  request: PayeeCheckRequest;
  directory: readonly PayeeDirectoryEntry[];
  now: number;
}

function readQuestion(request: PayeeCheckRequest): { iban: string; name: string } {
  let iban: string;
  try {
    iban = parseIban(request.iban);
  } catch (cause) {
    throw new CofferError('SERVER_BAD_REQUEST', `iban: ${cause instanceof Error ? cause.message : 'not an IBAN'}`, { cause });
  }
  const name = PartyName.safeParse(request.name);
  if (!name.success) throw new CofferError('SERVER_BAD_REQUEST', `name: ${describeZodIssue(name.error).text}`);
  return { iban, name: name.data };
}

/**
 * Verification of Payee for an enrolled device (docs/gateway.md "Payee checks"): the name the bank holds for
 * the IBAN against the name given (domain's matchPayeeName), answered as a JWS by the bank key, so the app
 * can keep it as evidence its own user cannot forge. The check and its audit entry commit together.
 */
export async function checkPayee(store: GatewayStore, opts: CheckPayeeOpts): Promise<PayeeCheckResponse> {
  const { iban, name } = readQuestion(opts.request);
  const registered = await registeredHolder(store.db, iban, opts.directory);
  const outcome = registered === undefined ? { result: 'not-possible' as const } : matchPayeeName(name, registered);
  const answer = PayeeCheckAnswer.parse({ checkId: randomId(), iban, name, ...outcome, checkedAt: rfc3339(opts.now) });
  const bankKey = await loadBankKey(store.db, opts.now);
  const jws = await signJws(new TextEncoder().encode(JSON.stringify(answer)), bankKey.signingKey, { typ: PAYEE_CHECK_JWS_TYPE });
  const answerDigest = sha256(new TextEncoder().encode(jws)).toString('base64url');
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('payee_checks')
      .values({ id: answer.checkId, org_id: opts.device.org_id, device_id: opts.device.id, iban, result: answer.result, answer_digest: answerDigest, checked_at: opts.now })
      .execute();
    // The audit names the account and the outcome, not the payer's typed name nor the holder's.
    await appendGatewayAudit(trx, store.dialect, {
      at: opts.now,
      actor: `device:${opts.device.id}`,
      action: 'payee.check',
      orgId: opts.device.org_id,
      details: { checkId: answer.checkId, iban, result: answer.result, answerDigest },
    });
  });
  return { answer: jws };
}
