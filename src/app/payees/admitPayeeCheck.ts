import { CofferError, type PayeeCheckAnswer } from '../../contract/index.js';
import { sha256, type JwsVerificationKey } from '../../crypto/index.js';
import type { VaultDatabase } from '../../vault/index.js';
import { storedPayeeCheckAnswer, type CheckedParty } from './payeeCheckRecords.js';
import { verifyPayeeCheck } from './verifyPayeeCheck.js';

/** A bank answer fit to keep for a party, and what its audit entry says of it (never a name). */
export interface AdmittedPayeeCheck {
  answer: PayeeCheckAnswer;
  /** Whether this very answer is kept already (recording it again changes nothing). */
  alreadyKept: boolean;
  details: { checkId: string; result: string; checkedAt: string; country: string; answerDigest: string; alreadyKept: boolean };
}

/**
 * The one gate every payee check passes before the vault keeps it, whether the user brings it
 * (`payees.record-check`) or the sync asks the bank: it must verify against the bank key the vault trusts
 * (APP_PAYEE_CHECK_UNTRUSTED), be about exactly the party's IBAN and name (APP_PAYEE_CHECK_MISMATCH), and not
 * collide with another answer stored under its id (APP_PAYEE_CHECK_TAMPERED).
 */
export async function admitPayeeCheck(db: VaultDatabase, bankKey: JwsVerificationKey, jws: string, party: CheckedParty): Promise<AdmittedPayeeCheck> {
  const answer = await verifyPayeeCheck(jws, bankKey);
  // Ensure the bank answered about this payee: the IBAN and the name exactly as the payment will carry them.
  if (answer.iban !== party.iban) throw new CofferError('APP_PAYEE_CHECK_MISMATCH', 'expected a check for the IBAN this payee carries, found one for another IBAN');
  if (answer.name !== party.name) throw new CofferError('APP_PAYEE_CHECK_MISMATCH', 'expected a check for the name this payee carries, found one for another name');
  // Ensure a check id names one answer: the same answer again is kept once, another under its id is a forged row.
  const stored = storedPayeeCheckAnswer(db, answer.checkId);
  if (stored !== undefined && stored !== jws) throw new CofferError('APP_PAYEE_CHECK_TAMPERED', `expected check ${answer.checkId} to be stored as the bank signed it, found another answer under its id`);
  const answerDigest = sha256(new TextEncoder().encode(jws)).toString('hex');
  const alreadyKept = stored !== undefined;
  return { answer, alreadyKept, details: { checkId: answer.checkId, result: answer.result, checkedAt: answer.checkedAt, country: answer.iban.slice(0, 2), answerDigest, alreadyKept } };
}
