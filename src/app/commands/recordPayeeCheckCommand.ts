import { CofferError } from '../../contract/index.js';
import { sha256 } from '../../crypto/index.js';
import type { VaultDatabase } from '../../vault/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { insertPayeeCheck, storedPayeeCheckAnswer, type CheckedParty } from '../payees/payeeCheckRecords.js';
import { verifyPayeeCheck } from '../payees/verifyPayeeCheck.js';
import { requirePayment } from './records/paymentRecords.js';

function requirePayee(db: VaultDatabase, id: string): CheckedParty & { id: string } {
  const row = db.prepare('SELECT id, name, iban FROM payees WHERE id = ?').get(id) as { id: string; name: string; iban: string } | undefined;
  if (row === undefined) throw new CofferError('APP_NOT_FOUND', `expected payee ${id}, found none`);
  return row;
}

/**
 * `payees.record-check`: keeps the bank's Verification of Payee answer for a payee, or for a payment's creditor.
 * The answer must verify against the bank key the vault trusts and be about exactly that IBAN and name, so a
 * "match" for one account can never be filed under another. Recording the same answer again changes nothing.
 */
export const recordPayeeCheckCommand = implementCommand('payees.record-check', {
  async prepare(ctx, input) {
    const answer = await verifyPayeeCheck(input.answer, ctx.bankKey);
    const payee = input.payee === undefined ? undefined : requirePayee(ctx.db, input.payee);
    const party: CheckedParty = payee ?? requirePayment(ctx.db, input.payment ?? '').payment.creditor;
    // Ensure the bank answered about this payee: the IBAN and the name exactly as the payment will carry them.
    if (answer.iban !== party.iban) throw new CofferError('APP_PAYEE_CHECK_MISMATCH', 'expected a check for the IBAN this payee carries, found one for another IBAN');
    if (answer.name !== party.name) throw new CofferError('APP_PAYEE_CHECK_MISMATCH', 'expected a check for the name this payee carries, found one for another name');
    // Ensure a check id names one answer: the same answer again is kept once, another under its id is a forged row.
    const stored = storedPayeeCheckAnswer(ctx.db, answer.checkId);
    if (stored !== undefined && stored !== input.answer) throw new CofferError('APP_PAYEE_CHECK_TAMPERED', `expected check ${answer.checkId} to be stored as the bank signed it, found another answer under its id`);
    const answerDigest = sha256(new TextEncoder().encode(input.answer)).toString('hex');
    const details = { checkId: answer.checkId, result: answer.result, checkedAt: answer.checkedAt, country: answer.iban.slice(0, 2), answerDigest };
    return { target: payee?.id ?? input.payment, details: { ...details, alreadyKept: stored !== undefined }, data: { answer, payeeId: payee?.id ?? null } };
  },
  run(ctx, input, { answer, payeeId }) {
    if (storedPayeeCheckAnswer(ctx.db, answer.checkId) === undefined) insertPayeeCheck(ctx.db, answer, input.answer, { payeeId, userId: ctx.userId, now: ctx.now });
    return { checkId: answer.checkId, iban: answer.iban, name: answer.name, result: answer.result, registeredName: answer.registeredName ?? null, checkedAt: answer.checkedAt };
  },
});
