import { CofferError, describeZodIssue, PAYEE_CHECK_JWS_TYPE, PayeeCheckAnswer } from '../../contract/index.js';
import { verifyJws, type JwsVerificationKey } from '../../crypto/index.js';

/**
 * Reads a Verification of Payee answer only as the bank signed it: a compact JWS of `typ`
 * PAYEE_CHECK_JWS_TYPE by the bank key the vault trusts, whose payload is a PayeeCheckAnswer. Anything
 * else (another key, another typ, a payload of another shape) is APP_PAYEE_CHECK_UNTRUSTED.
 */
export async function verifyPayeeCheck(jws: string, bankKey: JwsVerificationKey): Promise<PayeeCheckAnswer> {
  let payload: Uint8Array;
  try {
    ({ payload } = await verifyJws(jws, bankKey, { typ: PAYEE_CHECK_JWS_TYPE }));
  } catch (cause) {
    const why = cause instanceof CofferError ? cause.message : 'it cannot be read';
    throw new CofferError('APP_PAYEE_CHECK_UNTRUSTED', `expected a payee check signed by the bank key this vault trusts, found one that does not verify: ${why}`, { cause });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch (cause) {
    throw new CofferError('APP_PAYEE_CHECK_UNTRUSTED', 'expected a payee check whose payload is JSON, found other bytes', { cause });
  }
  const answer = PayeeCheckAnswer.safeParse(parsed);
  if (!answer.success) throw new CofferError('APP_PAYEE_CHECK_UNTRUSTED', `expected a payee check answer, found a payload with ${describeZodIssue(answer.error).text}`);
  return answer.data;
}
