import { PAYEE_CHECK_JWS_TYPE, PayeeCheckAnswer } from '../../contract/index.js';
import { signJws } from '../../crypto/index.js';
import { DEMO_PAYEE_DIRECTORY, matchPayeeName } from '../../domain/index.js';
import { DEMO_BANK_SIGNING_KEY } from './demoBankKey.js';

export interface SignedPayeeCheck {
  answer: PayeeCheckAnswer;
  jws: string;
}

/**
 * DEMO ONLY. The answer the demo bank gives for `party` (docs/gateway.md "Payee checks"): the same name rule
 * and directory as `coffer server`, signed with the published demo bank key, so the check verifies only in a
 * vault whose trust anchor is the demo key. Not-possible for an IBAN the directory does not hold.
 */
export async function signDemoPayeeCheck(party: { iban: string; name: string }, checkedAt: Date, checkId: string): Promise<SignedPayeeCheck> {
  const registered = DEMO_PAYEE_DIRECTORY.find((entry) => entry.iban === party.iban)?.name;
  const outcome = registered === undefined ? { result: 'not-possible' as const } : matchPayeeName(party.name, registered);
  const answer = PayeeCheckAnswer.parse({ checkId, iban: party.iban, name: party.name, ...outcome, checkedAt: checkedAt.toISOString() });
  const jws = await signJws(new TextEncoder().encode(JSON.stringify(answer)), DEMO_BANK_SIGNING_KEY, { typ: PAYEE_CHECK_JWS_TYPE });
  return { answer, jws };
}
